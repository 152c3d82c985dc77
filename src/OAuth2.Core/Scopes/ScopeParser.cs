using OAuth2.Errors;

namespace OAuth2.Scopes;

/// <summary>
/// Parses and formats <c>scope</c> values (RFC 6749 section 3.3): space-delimited tokens of NQCHAR
/// (%x21 / %x23-5B / %x5D-7E). Order is kept, duplicates dropped.
/// </summary>
public static class ScopeParser
{
    /// <summary>
    /// Parses a scope parameter; <c>null</c> or empty (RFC 6749 section 3.1: an empty parameter is omitted) gives an
    /// empty list. Anything outside the grammar is <c>invalid_scope</c>.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var result = new List<string>();
        foreach (var token in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var c in token)
            {
                if (c is < '\x21' or > '\x7E' or '"' or '\\')
                {
                    throw new InvalidScopeException("Invalid parameter: `scope`");
                }
            }

            if (!result.Contains(token, StringComparer.Ordinal))
            {
                result.Add(token);
            }
        }

        if (result.Count == 0)
        {
            throw new InvalidScopeException("Invalid parameter: `scope`");
        }

        return result;
    }

    /// <summary>Joins scope tokens with single spaces, as responses and headers carry them.</summary>
    public static string Format(IReadOnlyList<string> scope) => string.Join(' ', scope);

    /// <summary>Whether every token of <paramref name="subset"/> is in <paramref name="superset"/>.</summary>
    public static bool IsSubset(IReadOnlyList<string> subset, IReadOnlyList<string> superset)
    {
        foreach (var token in subset)
        {
            if (!superset.Contains(token, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
