using System.Buffers.Text;
using System.Text;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Looks for a value in a raw dump in every form a careless store could have written it: as is, and its UTF-8
/// bytes (and, for a base64url credential, its decoded bytes) as hex, base64 and base64url.
/// </summary>
internal static class DumpScanner
{
    /// <summary>The form in which <paramref name="value"/> appears in <paramref name="dump"/>, or <c>null</c>.</summary>
    public static string? FindValue(string dump, string value)
    {
        if (dump.Contains(value, StringComparison.Ordinal))
        {
            return "as is";
        }

        if (FindBytes(dump, Encoding.UTF8.GetBytes(value)) is { } utf8)
        {
            return "UTF-8 " + utf8;
        }

        var decoded = new byte[Base64Url.GetMaxDecodedLength(value.Length)];
        if (Base64Url.IsValid(value) && Base64Url.TryDecodeFromChars(value, decoded, out var written) && FindBytes(dump, decoded.AsSpan(0, written)) is { } raw)
        {
            return "decoded " + raw;
        }

        return null;
    }

    /// <summary>The encoding in which <paramref name="bytes"/> appear in <paramref name="dump"/>, or <c>null</c>.</summary>
    public static string? FindBytes(string dump, ReadOnlySpan<byte> bytes)
    {
        if (dump.Contains(Convert.ToHexString(bytes), StringComparison.OrdinalIgnoreCase))
        {
            return "hex";
        }

        // Without padding, so padded and unpadded forms both match.
        if (dump.Contains(Convert.ToBase64String(bytes).TrimEnd('='), StringComparison.Ordinal))
        {
            return "base64";
        }

        if (dump.Contains(Base64Url.EncodeToString(bytes), StringComparison.Ordinal))
        {
            return "base64url";
        }

        return null;
    }
}
