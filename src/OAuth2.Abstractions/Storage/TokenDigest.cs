using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Storage;

/// <summary>
/// The SHA-256 digest of a token or code: the only form in which a credential reaches a store, so that a leaked
/// database or Redis dump holds nothing a client could present.
/// </summary>
/// <remarks>The values the server generates carry 256 bits of entropy, so one unsalted SHA-256 is enough.</remarks>
public sealed class TokenDigest : IEquatable<TokenDigest>
{
    /// <summary>Length of a digest in bytes.</summary>
    public const int Length = 32;

    // Inline, not a separate array: one object per digest, and every lookup compares bytes without a hop.
    private DigestBytes _bytes;

    private TokenDigest()
    {
    }

    /// <summary>The digest bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Computes the digest of a token value (UTF-8, SHA-256).</summary>
    public static TokenDigest Compute(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        var digest = new TokenDigest();
        if (maxBytes <= 512)
        {
            Span<byte> utf8 = stackalloc byte[maxBytes];
            var written = Encoding.UTF8.GetBytes(token, utf8);
            SHA256.HashData(utf8[..written], digest._bytes);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(token), digest._bytes);
        }

        return digest;
    }

    /// <summary>Rebuilds a digest a store read back.</summary>
    public static TokenDigest FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A token digest is {Length} bytes long.", nameof(bytes));
        }

        var digest = new TokenDigest();
        bytes.CopyTo(digest._bytes);
        return digest;
    }

    /// <summary>Rebuilds a digest from <see cref="ToHex"/>.</summary>
    public static TokenDigest FromHex(string hex) => FromBytes(Convert.FromHexString(hex));

    /// <summary>Lower-case hexadecimal, 64 characters: a stable key for text-keyed backends.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);

    /// <summary>A copy of the digest bytes, for drivers that need an array.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    public bool Equals(TokenDigest? other) => other is not null && Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => Equals(obj as TokenDigest);

    public override int GetHashCode() => System.Runtime.InteropServices.MemoryMarshal.Read<int>(Bytes);

    public override string ToString() => ToHex();

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct DigestBytes
    {
        private byte _first;
    }
}
