using System.Security.Cryptography;

namespace OAuth2.Devices;

/// <summary>
/// User codes as RFC 8628 section 6.1 suggests: eight letters from a 20-consonant alphabet (no vowels, so no words;
/// no look-alike digits), about 34.5 bits, shown as <c>WDJB-MJHT</c>. Input is normalised before lookup, so a user
/// may type it in lower case, with or without the dash or spaces.
/// </summary>
public static class UserCode
{
    /// <summary>The alphabet: B C D F G H J K L M N P Q R S T V W X Z.</summary>
    public const string Alphabet = "BCDFGHJKLMNPQRSTVWXZ";

    /// <summary>Letters in a code.</summary>
    public const int Length = 8;

    /// <summary>A new code in its normalised form (eight letters, no dash), from the CSPRNG.</summary>
    public static string Generate() => string.Create(Length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    /// <summary>The display form, <c>XXXX-XXXX</c>, of a normalised code.</summary>
    public static string Format(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.Length == Length ? string.Concat(normalized.AsSpan(0, 4), "-", normalized.AsSpan(4)) : normalized;
    }

    /// <summary>
    /// What a user typed, normalised: upper case with dashes and spaces removed; <c>null</c> when it cannot be a code
    /// (wrong length or a letter outside the alphabet), so no lookup is spent on it.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > 32)
        {
            return null;
        }

        Span<char> letters = stackalloc char[Length];
        var count = 0;
        foreach (var c in input)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            letters[count++] = upper;
        }

        return count == Length ? new string(letters) : null;
    }
}
