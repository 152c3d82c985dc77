using System.Text.Json;
using OAuth2.Core.Tests.Support;
using OAuth2.Jwt;

namespace OAuth2.Core.Tests.Jwt;

public sealed class JsonWebKeyTests
{
    private static JoseFailure Import(object jwk, out JsonWebKey? key) => JsonWebKey.TryImport(JsonSerializer.SerializeToElement(jwk), out key);

    [Fact]
    public void Ec_and_rsa_public_keys_import()
    {
        Assert.Equal(JoseFailure.None, Import(JoseTestKit.Es256().PublicJwk(), out var ec));
        Assert.Equal(("EC", "P-256", "ec1"), (ec!.KeyType, ec.Curve, ec.KeyId));
        Assert.Equal(JoseFailure.None, Import(JoseTestKit.Es384().PublicJwk(), out var ec384));
        Assert.Equal("P-384", ec384!.Curve);
        Assert.Equal(JoseFailure.None, Import(JoseTestKit.Rs256().PublicJwk(), out var rsa));
        Assert.Equal("RSA", rsa!.KeyType);
    }

    [Fact]
    public void Private_members_are_refused_in_a_public_key()
    {
        // RFC 7517 section 5 / RFC 7518 section 6: a registered key set is public; a "d" there is a leaked key.
        Assert.Equal(JoseFailure.BadKey, Import(JoseTestKit.Es256().PublicJwk(includePrivate: true), out _));
        Assert.Equal(JoseFailure.BadKey, Import(JoseTestKit.Rs256().PublicJwk(includePrivate: true), out _));
    }

    [Fact]
    public void Rsa_below_2048_bits_is_refused()
    {
        // RFC 7518 section 3.3: RSA keys of 2048 bits or larger.
        Assert.Equal(JoseFailure.BadKey, Import(JoseTestKit.Rs256(bits: 1024).PublicJwk(), out _));
    }

    [Fact]
    public void Symmetric_and_unknown_key_types_are_refused()
    {
        Assert.Equal(JoseFailure.BadKey, Import(new { kty = "oct", k = "c2VjcmV0" }, out _));
        Assert.Equal(JoseFailure.BadKey, Import(new { kty = "OKP", crv = "Ed25519", x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }, out _));
    }

    [Fact]
    public void A_point_off_the_curve_or_of_the_wrong_width_is_refused()
    {
        var jwk = JoseTestKit.Es256().PublicJwk();
        var offCurve = new Dictionary<string, object?>(jwk) { ["y"] = jwk["x"] };
        Assert.Equal(JoseFailure.BadKey, Import(offCurve, out _));
        var shortX = new Dictionary<string, object?>(jwk) { ["x"] = ((string)jwk["x"]!)[..40] };
        Assert.Equal(JoseFailure.BadKey, Import(shortX, out _));
    }

    [Theory]
    [InlineData("use", "enc")]
    [InlineData("alg", "HS256")]
    [InlineData("alg", "RS256")]
    public void Use_and_alg_must_fit_a_signature_key(string member, string value)
    {
        var jwk = new Dictionary<string, object?>(JoseTestKit.Es256().PublicJwk()) { [member] = value };
        Assert.Equal(JoseFailure.BadKey, Import(jwk, out _));
    }

    [Fact]
    public void Key_ops_must_include_verify()
    {
        var jwk = new Dictionary<string, object?>(JoseTestKit.Es256().PublicJwk()) { ["key_ops"] = new[] { "encrypt" } };
        Assert.Equal(JoseFailure.BadKey, Import(jwk, out _));
        jwk["key_ops"] = new[] { "verify" };
        Assert.Equal(JoseFailure.None, Import(jwk, out _));
    }

    [Fact]
    public void Rfc7638_section_3_1_example_thumbprint()
    {
        // The RSA example of RFC 7638 section 3.1 and its published SHA-256 thumbprint.
        var jwk = new
        {
            kty = "RSA",
            n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            e = "AQAB",
            alg = "RS256",
            kid = "2011-04-29",
        };
        Assert.Equal(JoseFailure.None, Import(jwk, out var key));
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key!.Thumbprint);
    }

    [Fact]
    public void Thumbprint_ignores_optional_members()
    {
        var kit = JoseTestKit.Es256();
        Assert.Equal(JoseFailure.None, Import(kit.PublicJwk(withKid: true, withAlg: true), out var a));
        Assert.Equal(JoseFailure.None, Import(kit.PublicJwk(withKid: false), out var b));
        Assert.Equal(a!.Thumbprint, b!.Thumbprint);
        Assert.Equal(43, a.Thumbprint.Length);
    }
}
