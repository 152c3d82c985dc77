using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Jwt;

/// <summary>
/// RFC 7638 JWK thumbprints with SHA-256: the hash of the key's required members in lexicographic order, with no
/// whitespace, base64url-encoded. The members are base64url text and fixed names, so no JSON escaping is ever needed.
/// </summary>
internal static class JwkThumbprint
{
    /// <summary>An EC key: members <c>crv</c>, <c>kty</c>, <c>x</c>, <c>y</c> (RFC 7638 section 3.2).</summary>
    public static string OfEc(string crv, string x, string y)
        => Hash("{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}");

    /// <summary>An RSA key: members <c>e</c>, <c>kty</c>, <c>n</c> (RFC 7638 section 3.2).</summary>
    public static string OfRsa(string e, string n)
        => Hash("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}");

    private static string Hash(string canonicalJson) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}
