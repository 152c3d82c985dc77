using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Pkce;

/// <summary>RFC 7636 checks: the verifier and challenge grammar, and the constant-time transform comparison.</summary>
public static class PkceVerifier
{
    /// <summary>Whether a value is <c>43*128unreserved</c> (RFC 7636 sections 4.1 and 4.2).</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length is < 43 or > 128)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>BASE64URL(SHA256(ASCII(verifier)))</c>.</summary>
    public static string ComputeS256Challenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(verifier), hash);
        return System.Buffers.Text.Base64Url.EncodeToString(hash);
    }

    /// <summary>Whether <paramref name="verifier"/> matches the stored challenge under <paramref name="method"/>, compared in constant time.</summary>
    /// <remarks>Works on the stack: verifiers and challenges are at most 128 ASCII characters (longer ones never match).</remarks>
    public static bool Verify(string verifier, string challenge, string method)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(challenge);
        if (method is not (PkceMethods.S256 or PkceMethods.Plain))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown code challenge method.");
        }

        const int maxLength = 128;
        if (verifier.Length > maxLength || challenge.Length > maxLength || !Ascii.IsValid(verifier) || !Ascii.IsValid(challenge))
        {
            return false;
        }

        Span<byte> verifierBytes = stackalloc byte[maxLength];
        Span<byte> challengeBytes = stackalloc byte[maxLength];
        verifierBytes = verifierBytes[..Encoding.ASCII.GetBytes(verifier, verifierBytes)];
        challengeBytes = challengeBytes[..Encoding.ASCII.GetBytes(challenge, challengeBytes)];
        if (method == PkceMethods.Plain)
        {
            return CryptographicOperations.FixedTimeEquals(verifierBytes, challengeBytes);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(verifierBytes, hash);
        Span<byte> computed = stackalloc byte[43];
        System.Buffers.Text.Base64Url.EncodeToUtf8(hash, computed);
        return CryptographicOperations.FixedTimeEquals(computed, challengeBytes);
    }
}
