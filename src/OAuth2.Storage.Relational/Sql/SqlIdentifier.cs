using System.Text.RegularExpressions;

namespace OAuth2.Storage.Relational;

/// <summary>
/// The strict rule for schema names and table prefixes: the only configuration that ends up inside SQL text.
/// </summary>
public static partial class SqlIdentifier
{
    /// <summary>The accepted shape: an ASCII letter or underscore, then letters, digits or underscores, at most 32 characters (a prefixed index name then stays within PostgreSQL's 63).</summary>
    public const string Pattern = "^[A-Za-z_][A-Za-z0-9_]{0,31}\\z";

    /// <summary>Whether <paramref name="identifier"/> may be used as a schema name or table prefix.</summary>
    public static bool IsValid(string? identifier) => identifier is not null && IdentifierRegex().IsMatch(identifier);

    /// <summary>Returns <paramref name="identifier"/> or throws <see cref="ArgumentException"/>.</summary>
    public static string Validate(string? identifier, string what)
    {
        if (!IsValid(identifier))
        {
            throw new ArgumentException($"The {what} '{identifier}' is not a valid SQL identifier: it must match {Pattern}.", what);
        }

        return identifier!;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
