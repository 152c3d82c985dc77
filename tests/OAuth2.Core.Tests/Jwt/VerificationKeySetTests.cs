using OAuth2.Core.Tests.Support;
using OAuth2.Jwt;

namespace OAuth2.Core.Tests.Jwt;

public sealed class VerificationKeySetTests
{
    [Fact]
    public void Kid_selects_the_key_and_alg_must_fit_it()
    {
        var a = JoseTestKit.Es256("a");
        var b = JoseTestKit.Rs256("b");
        Assert.Equal(JoseFailure.None, VerificationKeySet.TryParse(JoseTestKit.Set(a.PublicJwk(), b.PublicJwk()), out var set));
        Assert.Equal("a", set!.Select("a", "ES256")!.KeyId);
        Assert.Equal("b", set.Select("b", "RS256")!.KeyId);
        Assert.Equal("b", set.Select("b", "PS256")!.KeyId);
        Assert.Null(set.Select("a", "RS256"));
        Assert.Null(set.Select("c", "ES256"));
    }

    [Fact]
    public void Without_kid_only_a_single_fitting_key_is_chosen()
    {
        // OpenID Connect Core section 10.1: with several keys the JWS must name one.
        var a = JoseTestKit.Es256("a");
        var b = JoseTestKit.Es256("b");
        var r = JoseTestKit.Rs256("r");
        Assert.Equal(JoseFailure.None, VerificationKeySet.TryParse(JoseTestKit.Set(a.PublicJwk(), r.PublicJwk()), out var mixed));
        Assert.Equal("a", mixed!.Select(null, "ES256")!.KeyId);
        Assert.Equal(JoseFailure.None, VerificationKeySet.TryParse(JoseTestKit.Set(a.PublicJwk(), b.PublicJwk()), out var two));
        Assert.Null(two!.Select(null, "ES256"));
    }

    [Fact]
    public void Unsupported_public_key_types_are_skipped_but_private_or_symmetric_keys_fail_the_set()
    {
        // RFC 7517 section 5: ignore keys whose kty is not understood.
        var ec = JoseTestKit.Es256().PublicJwk();
        var okp = new Dictionary<string, object?> { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };
        Assert.Equal(JoseFailure.None, VerificationKeySet.TryParse(JoseTestKit.Set(ec, okp), out var set));
        Assert.Single(set!.Keys);

        var oct = new Dictionary<string, object?> { ["kty"] = "oct", ["k"] = "c2VjcmV0" };
        Assert.Equal(JoseFailure.BadKeySet, VerificationKeySet.TryParse(JoseTestKit.Set(ec, oct), out _));
        Assert.Equal(JoseFailure.BadKeySet, VerificationKeySet.TryParse(JoseTestKit.Set(JoseTestKit.Es256().PublicJwk(includePrivate: true)), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"keys\":[],\"keys\":[]}")]
    public void Malformed_sets_are_refused(string json)
        => Assert.Equal(JoseFailure.BadKeySet, VerificationKeySet.TryParse(json, out _));

    [Fact]
    public void Sets_over_the_key_count_cap_are_refused()
    {
        var key = JoseTestKit.Es256().PublicJwk();
        var keys = Enumerable.Repeat(key, VerificationKeySet.MaxKeys + 1).ToArray();
        Assert.Equal(JoseFailure.BadKeySet, VerificationKeySet.TryParse(JoseTestKit.Set(keys), out _));
        Assert.Equal(JoseFailure.None, VerificationKeySet.TryParse(JoseTestKit.Set(keys[..VerificationKeySet.MaxKeys]), out _));
    }
}
