using System.Buffers.Text;
using System.Text;
using OAuth2.Core.Tests.Support;
using OAuth2.Jwt;

namespace OAuth2.Core.Tests.Jwt;

public sealed class JwsCompactTests
{
    private static readonly string[] AllAlgorithms = [.. JwsAlgorithm.All];

    private static JsonWebKey Import(JoseTestKit kit, bool withAlg = false)
    {
        Assert.Equal(JoseFailure.None, JsonWebKey.TryImport(System.Text.Json.JsonSerializer.SerializeToElement(kit.PublicJwk(withAlg: withAlg)), out var key));
        return key!;
    }

    public static TheoryData<string> Algorithms => new(JwsAlgorithm.All);

    private static JoseTestKit Kit(string alg) => alg switch
    {
        "ES256" => JoseTestKit.Es256(),
        "ES384" => JoseTestKit.Es384(),
        "PS256" => JoseTestKit.Ps256(),
        _ => JoseTestKit.Rs256(),
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Each_allowed_algorithm_verifies_its_own_signature_and_refuses_a_tampered_payload(string alg)
    {
        var kit = Kit(alg);
        var key = Import(kit);
        var jws = kit.Sign(new { sub = "c1" });

        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(jws, 8192, out var parsed));
        Assert.Equal(alg, parsed!.Algorithm);
        Assert.Equal(kit.Kid, parsed.KeyId);
        Assert.Equal("c1", parsed.Payload.GetProperty("sub").GetString());
        Assert.Equal(JoseFailure.None, parsed.VerifyWith(key, AllAlgorithms));

        var parts = jws.Split('.');
        var tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"sub\":\"c2\"}")) + "." + parts[2];
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(tampered, 8192, out var forged));
        Assert.Equal(JoseFailure.BadSignature, forged!.VerifyWith(key, AllAlgorithms));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("es256")]
    [InlineData("RS512")]
    public void Algorithms_outside_the_allow_list_are_refused_at_parse(string alg)
    {
        // RFC 8725 section 3.1 / RFC 7518 section 3.6: none and HMAC-with-a-public-key are never accepted.
        var kit = JoseTestKit.Es256();
        var jws = kit.SignRaw("{\"alg\":\"" + alg + "\"}", "{}", alg: "ES256");
        Assert.Equal(JoseFailure.AlgorithmNotAllowed, JwsCompact.TryParse(jws, 8192, out _));
    }

    [Fact]
    public void An_algorithm_the_caller_did_not_allow_is_refused_even_with_a_valid_signature()
    {
        var kit = JoseTestKit.Rs256();
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(kit.Sign(new { }), 8192, out var parsed));
        Assert.Equal(JoseFailure.AlgorithmNotAllowed, parsed!.VerifyWith(Import(kit), ["ES256"]));
    }

    [Fact]
    public void A_key_of_another_type_or_curve_or_alg_does_not_verify()
    {
        var es256 = JoseTestKit.Es256();
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(es256.Sign(new { }), 8192, out var parsed));
        Assert.Equal(JoseFailure.KeyNotFound, parsed!.VerifyWith(Import(JoseTestKit.Es384()), AllAlgorithms));
        Assert.Equal(JoseFailure.KeyNotFound, parsed.VerifyWith(Import(JoseTestKit.Rs256()), AllAlgorithms));

        // An RSA key pinned to PS256 by its JWK alg does not verify RS256 (RFC 7517 section 4.4).
        var rsa = JoseTestKit.Ps256();
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(rsa.SignRaw("{\"alg\":\"RS256\"}", "{}", "RS256"), 8192, out var rs256));
        Assert.Equal(JoseFailure.KeyNotFound, rs256!.VerifyWith(Import(rsa, withAlg: true), AllAlgorithms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9..c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.")]
    [InlineData(".e30.c2ln")]
    public void Anything_but_three_non_empty_parts_is_malformed(string compact)
        => Assert.Equal(JoseFailure.Malformed, JwsCompact.TryParse(compact, 8192, out _));

    [Fact]
    public void Input_over_the_length_cap_is_refused_before_any_decoding()
    {
        var jws = JoseTestKit.Es256().Sign(new { pad = new string('x', 600) });
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(jws, jws.Length, out _));
        Assert.Equal(JoseFailure.Malformed, JwsCompact.TryParse(jws, jws.Length - 1, out _));
    }

    [Theory]
    [InlineData("=")]
    [InlineData(" ")]
    [InlineData("+")]
    public void Non_strict_base64url_is_refused(string insert)
    {
        // RFC 7515 section 2: base64url without padding, whitespace or the standard alphabet's + and /.
        var jws = JoseTestKit.Es256().Sign(new { a = 1 });
        var broken = jws.Insert(jws.IndexOf('.', StringComparison.Ordinal), insert);
        Assert.Equal(JoseFailure.BadEncoding, JwsCompact.TryParse(broken, 8192, out _));
    }

    [Fact]
    public void Non_canonical_trailing_bits_are_refused()
    {
        // "e30" is {}; "e31" decodes to the same bytes with a non-zero spare bit.
        Assert.True(Base64UrlStrict.TryDecode("e30", out var canonical));
        Assert.Equal("{}"u8.ToArray(), canonical);
        Assert.False(Base64UrlStrict.TryDecode("e31", out _));
        Assert.False(Base64UrlStrict.TryDecode("e", out _));
    }

    [Theory]
    [InlineData("{\"alg\":\"ES256\",\"alg\":\"none\"}", "{}")]
    [InlineData("{\"alg\":\"ES256\"}", "{\"sub\":\"a\",\"sub\":\"b\"}")]
    [InlineData("[\"ES256\"]", "{}")]
    [InlineData("{\"alg\":\"ES256\"}", "\"text\"")]
    [InlineData("{\"alg\":\"ES256\",}", "{}")]
    [InlineData("{\"alg\":\"ES256\"}/**/", "{}")]
    public void Duplicate_members_and_non_object_or_lax_json_are_refused(string header, string payload)
    {
        // RFC 7515 section 4: duplicate header names are rejected rather than resolved to the last one.
        var jws = JoseTestKit.Es256().SignRaw(header, payload, "ES256");
        Assert.Equal(JoseFailure.BadJson, JwsCompact.TryParse(jws, 8192, out _));
    }

    [Theory]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[]}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":\"exp\"}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[\"kid\"],\"kid\":\"a\"}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[\"b64\"],\"b64\":false}")]
    [InlineData("{\"alg\":\"ES256\",\"b64\":false}")]
    public void Critical_headers_not_understood_are_refused(string header)
    {
        // RFC 7515 section 4.1.11 (and RFC 7797 section 6 for b64).
        var jws = JoseTestKit.Es256().SignRaw(header, "{}", "ES256");
        Assert.Equal(JoseFailure.UnsupportedCritical, JwsCompact.TryParse(jws, 8192, out _));
    }

    [Fact]
    public void A_critical_header_the_caller_understands_is_accepted_when_present()
    {
        var kit = JoseTestKit.Es256();
        var ok = kit.SignRaw("{\"alg\":\"ES256\",\"crit\":[\"ext\"],\"ext\":1}", "{}");
        var absent = kit.SignRaw("{\"alg\":\"ES256\",\"crit\":[\"ext\"]}", "{}");
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(ok, 8192, out _, ["ext"]));
        Assert.Equal(JoseFailure.UnsupportedCritical, JwsCompact.TryParse(absent, 8192, out _, ["ext"]));
    }

    [Fact]
    public void A_DER_encoded_ecdsa_signature_is_refused()
    {
        // RFC 7518 section 3.4: r||s of fixed width only.
        var kit = JoseTestKit.Es256();
        var input = Base64Url.EncodeToString("{\"alg\":\"ES256\"}"u8) + "." + Base64Url.EncodeToString("{}"u8);
        var der = kit.Ecdsa!.SignData(Encoding.ASCII.GetBytes(input), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        Assert.Equal(JoseFailure.None, JwsCompact.TryParse(input + "." + Base64Url.EncodeToString(der), 8192, out var parsed));
        Assert.Equal(JoseFailure.BadSignature, parsed!.VerifyWith(Import(kit), AllAlgorithms));
    }

    [Fact]
    public void The_access_token_signing_key_shares_the_verifier()
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var key = JwtSigningKey.FromEcdsa(ecdsa, "k");
        var signature = key.Sign("data"u8);
        Assert.True(key.Verify("data"u8, signature));
        Assert.False(key.Verify("date"u8, signature));
    }
}
