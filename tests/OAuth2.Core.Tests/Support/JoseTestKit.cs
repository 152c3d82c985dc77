using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OAuth2.Core.Tests.Support;

/// <summary>Keys generated per test, their public JWKs, and compact JWS signed with them (the client's side of JOSE).</summary>
internal sealed class JoseTestKit
{
    private JoseTestKit(string alg, ECDsa? ecdsa, RSA? rsa, string kid)
    {
        Alg = alg;
        Ecdsa = ecdsa;
        Rsa = rsa;
        Kid = kid;
    }

    public string Alg { get; }

    public ECDsa? Ecdsa { get; }

    public RSA? Rsa { get; }

    public string Kid { get; }

    public static JoseTestKit Es256(string kid = "ec1") => new("ES256", ECDsa.Create(ECCurve.NamedCurves.nistP256), null, kid);

    public static JoseTestKit Es384(string kid = "ec384") => new("ES384", ECDsa.Create(ECCurve.NamedCurves.nistP384), null, kid);

    public static JoseTestKit Rs256(string kid = "rsa1", int bits = 2048) => new("RS256", null, RSA.Create(bits), kid);

    public static JoseTestKit Ps256(string kid = "ps1") => new("PS256", null, RSA.Create(2048), kid);

    /// <summary>The public JWK members, plus <paramref name="extra"/> (e.g. private ones, to test refusal).</summary>
    public Dictionary<string, object?> PublicJwk(bool withKid = true, bool withAlg = false, bool includePrivate = false)
    {
        var jwk = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Ecdsa is not null)
        {
            var p = Ecdsa.ExportParameters(includePrivate);
            jwk["kty"] = "EC";
            jwk["crv"] = Ecdsa.KeySize == 256 ? "P-256" : "P-384";
            jwk["x"] = Base64Url.EncodeToString(p.Q.X);
            jwk["y"] = Base64Url.EncodeToString(p.Q.Y);
            if (includePrivate)
            {
                jwk["d"] = Base64Url.EncodeToString(p.D);
            }
        }
        else
        {
            var p = Rsa!.ExportParameters(includePrivate);
            jwk["kty"] = "RSA";
            jwk["n"] = Base64Url.EncodeToString(p.Modulus);
            jwk["e"] = Base64Url.EncodeToString(p.Exponent);
            if (includePrivate)
            {
                jwk["d"] = Base64Url.EncodeToString(p.D);
            }
        }

        if (withKid)
        {
            jwk["kid"] = Kid;
        }

        if (withAlg)
        {
            jwk["alg"] = Alg;
        }

        return jwk;
    }

    public string JwkSetJson(bool withKid = true) => Set(PublicJwk(withKid));

    public static string Set(params Dictionary<string, object?>[] keys) => JsonSerializer.Serialize(new { keys });

    /// <summary>Signs header and payload (raw JSON text, so tests can write duplicate members) with this key.</summary>
    public string SignRaw(string headerJson, string payloadJson, string? alg = null)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = OAuth2.Jwt.JwsAlgorithm.Sign(alg ?? Alg, Ecdsa, Rsa, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Signs a claim set with a header of <c>alg</c>, <c>kid</c> (unless null) and <c>typ</c>.</summary>
    public string Sign(object claims, bool withKid = true, string? typ = "JWT", Dictionary<string, object?>? extraHeader = null)
    {
        var header = new Dictionary<string, object?>(StringComparer.Ordinal) { ["alg"] = Alg };
        if (withKid)
        {
            header["kid"] = Kid;
        }

        if (typ is not null)
        {
            header["typ"] = typ;
        }

        foreach (var (name, value) in extraHeader ?? [])
        {
            header[name] = value;
        }

        return SignRaw(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims));
    }
}
