using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Jwt;

/// <summary>
/// RFC 7638 JWK thumbprints: SHA-256 over the key's required public members in lexicographic order, no whitespace,
/// base64url. The default <c>kid</c>, because it is derived from the key and so agrees across instances.
/// </summary>
internal static class JwkThumbprint
{
    public static string Compute(ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return Hash($"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\"}}");
    }

    public static string Compute(RSA key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return Hash($"{{\"e\":\"{Base64Url.EncodeToString(p.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.EncodeToString(p.Modulus)}\"}}");
    }

    private static string Hash(string canonicalJwk) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJwk)));
}
