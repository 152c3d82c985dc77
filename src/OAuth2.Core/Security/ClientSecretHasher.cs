using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Security;

/// <summary>
/// Hashes and verifies client secrets. A secret the server generated carries 256 bits of entropy, so one SHA-256
/// suffices (<c>sha256$…</c>); a secret a person chose gets PBKDF2 (<c>pbkdf2-sha256$iterations$salt$hash</c>).
/// The format names its algorithm, so both live side by side in one store. Comparison is constant-time.
/// </summary>
public static class ClientSecretHasher
{
    private const string Sha256Prefix = "sha256$";
    private const string Pbkdf2Prefix = "pbkdf2-sha256$";

    /// <summary>PBKDF2 iterations for person-chosen secrets (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).</summary>
    public const int Pbkdf2Iterations = 600_000;

    private const int SaltBytes = 16;
    private const int MinimumSaltBytes = 8;
    private const int DerivedKeyBytes = 32;

    /// <summary>Generates a new 256-bit secret, base64url-encoded.</summary>
    public static string GenerateSecret() => TokenGenerator.Generate();

    /// <summary>Hashes a secret the server generated (high entropy): fast SHA-256.</summary>
    public static string HashGeneratedSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Sha256Prefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Hashes a secret a person chose (low entropy): salted PBKDF2.</summary>
    public static string HashChosenSecret(string secret, int iterations = Pbkdf2Iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, DerivedKeyBytes);
        return $"{Pbkdf2Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>
    /// A hash in the format <paramref name="pbkdf2Iterations"/> selects (PBKDF2 at that count; one SHA-256 when 0)
    /// that no secret matches: verifying against it costs what a real verification costs, which is what an unknown
    /// client id must spend so that response time does not tell it from a wrong secret. Computing it costs nothing.
    /// </summary>
    public static string CreateDummyHash(int pbkdf2Iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pbkdf2Iterations);
        var random = RandomNumberGenerator.GetBytes(SaltBytes + DerivedKeyBytes);
        return pbkdf2Iterations == 0
            ? Sha256Prefix + Convert.ToBase64String(random.AsSpan(SaltBytes))
            : $"{Pbkdf2Prefix}{pbkdf2Iterations}${Convert.ToBase64String(random.AsSpan(0, SaltBytes))}${Convert.ToBase64String(random.AsSpan(SaltBytes))}";
    }

    /// <summary>
    /// The work a verification against <paramref name="storedHash"/> costs, in hash iterations: the PBKDF2 count,
    /// 1 for SHA-256, 0 for a format that never verifies (nothing is computed).
    /// </summary>
    public static int GetWorkFactor(string? storedHash)
    {
        if (storedHash is null)
        {
            return 0;
        }

        if (storedHash.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return 1;
        }

        if (!storedHash.StartsWith(Pbkdf2Prefix, StringComparison.Ordinal))
        {
            return 0;
        }

        var rest = storedHash.AsSpan(Pbkdf2Prefix.Length);
        var end = rest.IndexOf('$');
        return end > 0 && int.TryParse(rest[..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
            ? iterations
            : 0;
    }

    /// <summary>Checks a presented secret against a stored hash in constant time; an unknown format never verifies.</summary>
    public static bool Verify(string presentedSecret, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(presentedSecret);
        if (string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        if (storedHash.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            // The hot path of every client authentication: no heap allocation.
            Span<byte> expected = stackalloc byte[48];
            if (!Convert.TryFromBase64Chars(storedHash.AsSpan(Sha256Prefix.Length), expected, out var expectedLength) || expectedLength != 32)
            {
                return false;
            }

            var maxBytes = Encoding.UTF8.GetMaxByteCount(presentedSecret.Length);
            byte[]? rented = null;
            var utf8 = maxBytes <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes));
            try
            {
                var length = Encoding.UTF8.GetBytes(presentedSecret, utf8);
                Span<byte> actual = stackalloc byte[32];
                SHA256.HashData(utf8[..length], actual);
                return CryptographicOperations.FixedTimeEquals(actual, expected[..32]);
            }
            finally
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented, clearArray: true);
                }
            }
        }

        var presented = Encoding.UTF8.GetBytes(presentedSecret);
        if (storedHash.StartsWith(Pbkdf2Prefix, StringComparison.Ordinal))
        {
            var parts = storedHash[Pbkdf2Prefix.Length..].Split('$');
            if (parts.Length != 3
                || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations)
                || iterations < 1
                || !TryFromBase64(parts[1], out var salt)
                || !TryFromBase64(parts[2], out var expected)
                || salt.Length < MinimumSaltBytes
                || expected.Length != DerivedKeyBytes)
            {
                // A truncated hash would otherwise be compared over fewer bytes (an empty one over none).
                return false;
            }

            var actual = Rfc2898DeriveBytes.Pbkdf2(presented, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }

        return false;
    }

    private static bool TryFromBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64Chars(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
