using System.Buffers.Text;

namespace OAuth2.Jwt;

/// <summary>Builds the public JWKS document (RFC 7517) that resource servers fetch from <c>jwks_uri</c>.</summary>
internal static class JsonWebKeySet
{
    public static IReadOnlyDictionary<string, object?> Create(IEnumerable<JwtSigningKey> keys)
        => new Dictionary<string, object?>(StringComparer.Ordinal) { ["keys"] = keys.Select(Create).ToArray() };

    private static Dictionary<string, object?> Create(JwtSigningKey key)
    {
        var jwk = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kid"] = key.KeyId,
            ["use"] = "sig",
            ["alg"] = key.Algorithm,
        };
        if (key.Ecdsa is not null)
        {
            var parameters = key.Ecdsa.ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "EC";
            jwk["crv"] = "P-256";
            jwk["x"] = Base64Url.EncodeToString(parameters.Q.X);
            jwk["y"] = Base64Url.EncodeToString(parameters.Q.Y);
        }
        else
        {
            var parameters = key.Rsa!.ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "RSA";
            jwk["n"] = Base64Url.EncodeToString(parameters.Modulus);
            jwk["e"] = Base64Url.EncodeToString(parameters.Exponent);
        }

        return jwk;
    }
}
