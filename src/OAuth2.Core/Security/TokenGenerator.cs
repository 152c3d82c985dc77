using System.Buffers.Text;
using System.Security.Cryptography;

namespace OAuth2.Security;

/// <summary>
/// The default generator for access tokens, refresh tokens, codes and secrets: 256 bits from the operating system's
/// CSPRNG, base64url without padding (43 characters, valid as an RFC 6750 b64token and as URL and form values).
/// </summary>
public static class TokenGenerator
{
    /// <summary>Entropy of a generated value, in bytes.</summary>
    public const int EntropyBytes = 32;

    /// <summary>Generates a new random value.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[EntropyBytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }
}
