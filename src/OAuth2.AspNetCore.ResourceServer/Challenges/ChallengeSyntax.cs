namespace OAuth2.AspNetCore.ResourceServer.Challenges;

/// <summary>The character rules of RFC 6750 section 3 for values written into a challenge (quoted-string, no escapes).</summary>
internal static class ChallengeSyntax
{
    /// <summary>Non-empty %x20-21 / %x23-5B / %x5D-7E: fits a quoted-string without escapes.</summary>
    public static bool IsQuotableValue(string value)
        => value.Length > 0 && value.All(c => c is (>= '\x20' and <= '\x7E') and not '"' and not '\\');

    /// <summary>A scope-token: 1*NQCHAR (RFC 6749 section 3.3).</summary>
    public static bool IsScopeToken(string value)
        => value.Length > 0 && value.All(c => c is (>= '\x21' and <= '\x7E') and not '"' and not '\\');
}
