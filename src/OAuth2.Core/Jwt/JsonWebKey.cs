using System.Security.Cryptography;
using System.Text.Json;

namespace OAuth2.Jwt;

/// <summary>
/// A public JWK (RFC 7517) imported for signature verification: EC P-256/P-384 or RSA of 2048 to 8192 bits. The upper
/// bound keeps one verification cheap whatever a registration holds.
/// </summary>
internal sealed class JsonWebKey
{
    public const int MinRsaBits = 2048;
    public const int MaxRsaBits = 8192;

    // RFC 7518 sections 6.2.2 and 6.3.2: the private members of EC and RSA keys.
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private JsonWebKey(string keyType, string? curve, string? keyId, string? algorithm, ECDsa? ecdsa, RSA? rsa, string thumbprint)
    {
        KeyType = keyType;
        Curve = curve;
        KeyId = keyId;
        Algorithm = algorithm;
        Ecdsa = ecdsa;
        Rsa = rsa;
        Thumbprint = thumbprint;
    }

    /// <summary><c>EC</c> or <c>RSA</c>.</summary>
    public string KeyType { get; }

    /// <summary><c>P-256</c> or <c>P-384</c> for EC keys.</summary>
    public string? Curve { get; }

    public string? KeyId { get; }

    /// <summary>The JWK's own <c>alg</c>, which then is the only algorithm it verifies.</summary>
    public string? Algorithm { get; }

    public ECDsa? Ecdsa { get; }

    public RSA? Rsa { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint, base64url.</summary>
    public string Thumbprint { get; }

    /// <summary>Whether this key may verify a JWS signed with <paramref name="alg"/>.</summary>
    public bool CanVerify(string alg)
    {
        if (!JwsAlgorithm.IsKnown(alg) || (Algorithm is not null && !string.Equals(Algorithm, alg, StringComparison.Ordinal)))
        {
            return false;
        }

        var (keyType, curve) = JwsAlgorithm.KeyTypeFor(alg);
        return string.Equals(keyType, KeyType, StringComparison.Ordinal) && string.Equals(curve, Curve, StringComparison.Ordinal);
    }

    /// <summary>
    /// Imports one public JWK. Refuses private members (RFC 7517 section 5: a published set holds public keys only; a
    /// private key there is leaked), <c>use</c> other than <c>sig</c>, <c>key_ops</c> without <c>verify</c>, and any
    /// key type, curve or size outside the supported ones.
    /// </summary>
    public static JoseFailure TryImport(JsonElement jwk, out JsonWebKey? key)
    {
        key = null;
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            return JoseFailure.BadKey;
        }

        foreach (var name in PrivateMembers)
        {
            if (jwk.TryGetProperty(name, out _))
            {
                return JoseFailure.BadKey;
            }
        }

        if (!JoseJson.TryGetOptionalString(jwk, "kty", out var kty) || !JoseJson.TryGetOptionalString(jwk, "kid", out var kid)
            || !JoseJson.TryGetOptionalString(jwk, "alg", out var alg) || !JoseJson.TryGetOptionalString(jwk, "use", out var use)
            || (use is not null && use != "sig") || (alg is not null && !JwsAlgorithm.IsKnown(alg)) || !AllowsVerify(jwk))
        {
            return JoseFailure.BadKey;
        }

        try
        {
            return kty switch
            {
                "EC" => ImportEc(jwk, kid, alg, out key),
                "RSA" => ImportRsa(jwk, kid, alg, out key),
                _ => JoseFailure.BadKey,
            };
        }
        catch (CryptographicException)
        {
            // A point off the curve, or parameters the platform refuses.
            key = null;
            return JoseFailure.BadKey;
        }
    }

    private static bool AllowsVerify(JsonElement jwk)
    {
        if (!jwk.TryGetProperty("key_ops", out var ops))
        {
            return true;
        }

        return ops.ValueKind == JsonValueKind.Array && ops.EnumerateArray().Any(op => op.ValueKind == JsonValueKind.String && op.GetString() == "verify");
    }

    private static JoseFailure ImportEc(JsonElement jwk, string? kid, string? alg, out JsonWebKey? key)
    {
        key = null;
        if (!JoseJson.TryGetOptionalString(jwk, "crv", out var crv) || !JoseJson.TryGetOptionalString(jwk, "x", out var x) || !JoseJson.TryGetOptionalString(jwk, "y", out var y))
        {
            return JoseFailure.BadKey;
        }

        var (curve, size) = crv switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            _ => (default(ECCurve), 0),
        };

        // RFC 7518 section 6.2.1.2: x and y are the full coordinate width, leading zeros kept.
        if (size == 0 || x is null || y is null || !Base64UrlStrict.TryDecode(x, out var xBytes) || !Base64UrlStrict.TryDecode(y, out var yBytes)
            || xBytes.Length != size || yBytes.Length != size)
        {
            return JoseFailure.BadKey;
        }

        if (alg is not null && JwsAlgorithm.KeyTypeFor(alg) != ("EC", crv))
        {
            return JoseFailure.BadKey;
        }

        var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = xBytes, Y = yBytes } });
        key = new JsonWebKey("EC", crv, kid, alg, ecdsa, null, JwkThumbprint.OfEc(crv!, x, y));
        return JoseFailure.None;
    }

    private static JoseFailure ImportRsa(JsonElement jwk, string? kid, string? alg, out JsonWebKey? key)
    {
        key = null;
        if (!JoseJson.TryGetOptionalString(jwk, "n", out var n) || !JoseJson.TryGetOptionalString(jwk, "e", out var e)
            || n is null || e is null || !Base64UrlStrict.TryDecode(n, out var modulus) || !Base64UrlStrict.TryDecode(e, out var exponent))
        {
            return JoseFailure.BadKey;
        }

        // RFC 7518 section 6.3.1: minimal big-endian encodings; an odd public exponent of at most 64 bits.
        var bits = modulus.Length * 8;
        if (modulus.Length == 0 || modulus[0] == 0 || exponent.Length == 0 || exponent[0] == 0 || exponent.Length > 8
            || (exponent[^1] & 1) == 0 || (exponent.Length == 1 && exponent[0] == 1) || (modulus[^1] & 1) == 0
            || bits - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) + 24 < MinRsaBits || bits > MaxRsaBits)
        {
            return JoseFailure.BadKey;
        }

        if (alg is not null && JwsAlgorithm.KeyTypeFor(alg).KeyType != "RSA")
        {
            return JoseFailure.BadKey;
        }

        var rsa = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent });
        key = new JsonWebKey("RSA", null, kid, alg, null, rsa, JwkThumbprint.OfRsa(e, n));
        return JoseFailure.None;
    }
}
