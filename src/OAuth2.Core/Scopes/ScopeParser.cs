using OAuth2.Errors;
using OAuth2.Handlers;

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

        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw new InvalidScopeException("Invalid parameter: `scope`");
        }

        var distinct = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            foreach (var c in tokens[i])
            {
                if (c is < '\x21' or > '\x7E' or '"' or '\\')
                {
                    throw new InvalidScopeException("Invalid parameter: `scope`");
                }
            }

            // Keep the first occurrence of each token, in order, compacting the array in place.
            if (Array.IndexOf(tokens, tokens[i], 0, distinct) < 0)
            {
                tokens[distinct++] = tokens[i];
            }
        }

        if (distinct < tokens.Length)
        {
            Array.Resize(ref tokens, distinct);
        }

        // Immutable, so the token records that carry it (and stores that keep them) need no defensive copy.
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(tokens);
    }

    /// <summary>Joins scope tokens with single spaces, as responses and headers carry them.</summary>
    public static string Format(IReadOnlyList<string> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        switch (scope.Count)
        {
            case 0:
                return string.Empty;
            case 1:
                return scope[0] ?? string.Empty;
        }

        // Indexed, not enumerated: the lists are usually boxed immutable arrays, whose enumerator would allocate.
        var length = scope.Count - 1;
        for (var i = 0; i < scope.Count; i++)
        {
            length += scope[i]?.Length ?? 0;
        }

        return string.Create(length, scope, static (destination, tokens) =>
        {
            var at = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (i > 0)
                {
                    destination[at++] = ' ';
                }

                tokens[i]?.CopyTo(destination[at..]);
                at += tokens[i]?.Length ?? 0;
            }
        });
    }

    /// <summary>Whether every token of <paramref name="subset"/> is in <paramref name="superset"/>.</summary>
    public static bool IsSubset(IReadOnlyList<string> subset, IReadOnlyList<string> superset)
    {
        for (var i = 0; i < subset.Count; i++)
        {
            if (!superset.ContainsOrdinal(subset[i]))
            {
                return false;
            }
        }

        return true;
    }
}
