using OAuth2.Pkce;

namespace OAuth2.Core.Tests.Pkce;

/// <summary>RFC 7636: grammar, the S256 transform (Appendix B) and verification.</summary>
public sealed class PkceVerifierTests
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public void Rfc7636_appendix_b_vector()
        => Assert.Equal(Challenge, PkceVerifier.ComputeS256Challenge(Verifier));

    [Fact]
    public void Rfc7636_appendix_b_verifier_comes_from_its_octets()
    {
        byte[] octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
        Assert.Equal(Verifier, System.Buffers.Text.Base64Url.EncodeToString(octets));
    }

    [Fact]
    public void Oauth21_example_vector()
        => Assert.Equal("6fdkQaPm51l13DSukcAH3Mdx7_ntecHYd1vi3n0hMZY", PkceVerifier.ComputeS256Challenge("3641a2d12d66101249cdf7a79c000c1f8c05d2aafcf14bf146497bed"));

    [Fact]
    public void S256_verifies_the_vector()
        => Assert.True(PkceVerifier.Verify(Verifier, Challenge, PkceMethods.S256));

    [Fact]
    public void S256_refuses_another_verifier()
        => Assert.False(PkceVerifier.Verify(new string('a', 43), Challenge, PkceMethods.S256));

    [Fact]
    public void S256_refuses_the_challenge_itself()
        => Assert.False(PkceVerifier.Verify(Challenge, Challenge, PkceMethods.S256));

    [Fact]
    public void Plain_compares_verbatim()
    {
        Assert.True(PkceVerifier.Verify(Verifier, Verifier, PkceMethods.Plain));
        Assert.False(PkceVerifier.Verify(Verifier, Verifier.ToUpperInvariant(), PkceMethods.Plain));
    }

    [Fact]
    public void Different_lengths_never_verify()
        => Assert.False(PkceVerifier.Verify(Verifier, Verifier + "x", PkceMethods.Plain));

    [Theory]
    [InlineData("S512")]
    [InlineData("s256")]
    [InlineData("")]
    public void Unknown_methods_throw(string method)
        => Assert.Throws<ArgumentOutOfRangeException>(() => PkceVerifier.Verify(Verifier, Challenge, method));

    [Fact]
    public void Compute_refuses_null()
        => Assert.Throws<ArgumentNullException>(() => PkceVerifier.ComputeS256Challenge(null!));

    [Theory]
    [InlineData(Verifier)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")]
    [InlineData("3641a2d12d66101249cdf7a79c000c1f8c05d2aafcf14bf146497bed")]
    public void Well_formed_values(string value)
        => Assert.True(PkceVerifier.IsWellFormed(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj+k")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj/k")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX=")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj k")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj%k")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj\u00e9k")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj\nk")]
    public void Malformed_values(string? value)
        => Assert.False(PkceVerifier.IsWellFormed(value));

    [Fact]
    public void Length_bounds_are_43_and_128()
    {
        Assert.False(PkceVerifier.IsWellFormed(new string('a', 42)));
        Assert.True(PkceVerifier.IsWellFormed(new string('a', 43)));
        Assert.True(PkceVerifier.IsWellFormed(new string('a', 128)));
        Assert.False(PkceVerifier.IsWellFormed(new string('a', 129)));
    }

    [Fact]
    public void Challenges_are_43_character_base64url_without_padding()
    {
        for (var i = 0; i < 100; i++)
        {
            var challenge = PkceVerifier.ComputeS256Challenge(OAuth2.Security.TokenGenerator.Generate());
            Assert.Matches("^[A-Za-z0-9_-]{43}$", challenge);
            Assert.True(PkceVerifier.IsWellFormed(challenge));
        }
    }

    [Theory]
    [InlineData("S256")]
    [InlineData("plain")]
    public void Non_ascii_or_overlong_input_never_verifies(string method)
    {
        const string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        var challenge = method == "S256" ? PkceVerifier.ComputeS256Challenge(verifier) : verifier;

        Assert.True(PkceVerifier.Verify(verifier, challenge, method));
        Assert.False(PkceVerifier.Verify(verifier + "é", challenge, method));
        Assert.False(PkceVerifier.Verify(verifier, challenge + "é", method));
        Assert.False(PkceVerifier.Verify(new string('a', 129), challenge, method));
        Assert.False(PkceVerifier.Verify(verifier, new string('a', 129), method));
    }
}
