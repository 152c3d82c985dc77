using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth2.Jwt;
using static OAuth2.Core.Tests.Jwt.JwtTestKit;

namespace OAuth2.Core.Tests.Jwt;

public sealed class JwtSigningKeySetTests
{
    private static JwtSigningKey Ec(string kid) => JwtSigningKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), kid);

    /// <summary>A token with the issued token's claims, signed by <paramref name="key"/> under the header <paramref name="header"/>.</summary>
    private static string Forge(string issued, JwtSigningKey key, object header)
    {
        var input = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + issued.Split('.')[1];
        return input + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public async Task The_active_key_signs_and_a_retired_keys_tokens_still_validate()
    {
        var old = Ec("old");
        var clock = NewClock();
        var before = NewServer(new JwtSigningKeySet(old), clock);
        var token = await IssueAsync(before);

        var after = NewServer(new JwtSigningKeySet(Ec("new"), retired: [old]), clock);
        Assert.Equal("new", KeyIdOf(await IssueAsync(after)));
        Assert.True((await AuthenticateAsync(after, token)).Succeeded);
        Assert.Equal(["new", "old"], PublishedKeyIds(after));
    }

    [Theory]
    [InlineData("unknown-kid")]
    [InlineData("no-kid")]
    [InlineData("kid-of-another-key")]
    [InlineData("alg-mismatch")]
    public async Task A_token_is_checked_only_with_the_key_its_kid_names(string forgery)
    {
        var active = Ec("a");
        var next = Ec("n");
        var stranger = Ec("stranger");
        var server = NewServer(new JwtSigningKeySet(active, next: [next]), NewClock());
        var issued = await IssueAsync(server);
        var forged = forgery switch
        {
            // Signed by a key the set does not publish, named by a kid it does not know: never tried against every key.
            "unknown-kid" => Forge(issued, stranger, new { alg = "ES256", typ = "at+jwt", kid = "stranger" }),
            "no-kid" => Forge(issued, active, new { alg = "ES256", typ = "at+jwt" }),
            // Signed by the next key but naming the active one.
            "kid-of-another-key" => Forge(issued, next, new { alg = "ES256", typ = "at+jwt", kid = "a" }),
            _ => Forge(issued, active, new { alg = "RS256", typ = "at+jwt", kid = "a" }),
        };

        var result = await AuthenticateAsync(server, forged);
        Assert.False(result.Succeeded);
        Assert.Equal("invalid_token", result.Error.Error);
        Assert.True((await AuthenticateAsync(server, Forge(issued, next, new { alg = "ES256", typ = "at+jwt", kid = "n" }))).Succeeded);
    }

    [Fact]
    public async Task Ps256_tokens_round_trip_and_say_so()
    {
        var server = NewServer(new JwtSigningKeySet(JwtSigningKey.FromRsa(RSA.Create(2048), "p1", JwtAlgorithms.PS256)), NewClock());
        var token = await IssueAsync(server);
        Assert.Equal("PS256", JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.GetProperty("alg").GetString());
        Assert.True((await AuthenticateAsync(server, token)).Succeeded);
        var jwk = JsonSerializer.SerializeToElement(server.GetJsonWebKeySet()).GetProperty("keys")[0];
        Assert.Equal("PS256", jwk.GetProperty("alg").GetString());
        Assert.Equal("sig", jwk.GetProperty("use").GetString());
    }

    [Fact]
    public void Two_keys_may_not_share_a_kid()
        => Assert.Throws<ArgumentException>(() => new JwtSigningKeySet(Ec("same"), retired: [Ec("same")]));

    [Fact]
    public void A_server_needs_exactly_one_of_SigningKey_and_SigningKeys()
    {
        var both = new OAuth2ServerOptions
        {
            JwtAccessTokens = new JwtAccessTokenOptions { SigningKey = Ec("a"), SigningKeys = new JwtSigningKeySet(Ec("b")), Issuer = Issuer, Audience = Audience },
        };
        var neither = new OAuth2ServerOptions { JwtAccessTokens = new JwtAccessTokenOptions { Issuer = Issuer, Audience = Audience } };
        Assert.Throws<OAuth2.Errors.InvalidArgumentException>(() => Endpoints.EndpointTestKit.NewServer(Endpoints.EndpointTestKit.NewModel(), both));
        Assert.Throws<OAuth2.Errors.InvalidArgumentException>(() => Endpoints.EndpointTestKit.NewServer(Endpoints.EndpointTestKit.NewModel(), neither));
    }

    [Fact]
    public void Keys_without_a_kid_are_named_by_their_RFC_7638_thumbprint()
    {
        // RFC 7638 section 3.1: the RSA key of RFC 7517 appendix A.1 and its SHA-256 thumbprint.
        const string modulus = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(modulus), Exponent = [1, 0, 1] });
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwtSigningKey.FromRsa(rsa, null, JwtAlgorithms.RS256).KeyId);
    }
}
