using System.Buffers;
using System.Buffers.Text;

namespace OAuth2.Jwt;

/// <summary>
/// Strict base64url (RFC 7515 section 2, RFC 4648 section 5): only the 64 URL-safe characters, no padding, no
/// whitespace, and zero unused trailing bits, so one byte string has exactly one accepted spelling (what a JWK
/// thumbprint and a replay key over the encoded form rely on).
/// </summary>
internal static class Base64UrlStrict
{
    private const string AlphabetText = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly SearchValues<char> Alphabet = SearchValues.Create(AlphabetText);

    public static bool TryDecode(ReadOnlySpan<char> encoded, out byte[] decoded)
    {
        decoded = [];
        if (encoded.Length % 4 == 1 || encoded.ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        // Unused low bits of the last character must be zero: 2 chars carry 8 bits (4 spare), 3 chars 16 (2 spare).
        var spareBits = (encoded.Length % 4) switch { 2 => 4, 3 => 2, _ => 0 };
        if (spareBits > 0 && (AlphabetText.IndexOf(encoded[^1], StringComparison.Ordinal) & ((1 << spareBits) - 1)) != 0)
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (!Base64Url.TryDecodeFromChars(encoded, buffer, out var written))
        {
            return false;
        }

        decoded = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }
}
