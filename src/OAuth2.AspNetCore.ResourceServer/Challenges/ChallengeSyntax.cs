namespace OAuth2.AspNetCore.ResourceServer.Challenges;

/// <summary>
/// The character rules of RFC 6750 section 3 for values written into a <c>WWW-Authenticate</c> challenge as a
/// quoted-string without escapes. Public so that every scheme of this library (the introspection scheme here, the
/// bearer scheme of OAuth2.AspNetCore) checks its configuration against the one grammar, at start-up.
/// </summary>
public static class ChallengeSyntax
{
    /// <summary>A realm or URL: non-empty %x20-21 / %x23-5B / %x5D-7E, so it fits a quoted-string without escapes.</summary>
    public static bool IsQuotableValue(string? value)
        => value is { Length: > 0 } && value.All(c => c is (>= '\x20' and <= '\x7E') and not '"' and not '\\');

    /// <summary>A scope-token: 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E (RFC 6749 section 3.3).</summary>
    public static bool IsScopeToken(string? value)
        => value is { Length: > 0 } && value.All(c => c is (>= '\x21' and <= '\x7E') and not '"' and not '\\');
}
