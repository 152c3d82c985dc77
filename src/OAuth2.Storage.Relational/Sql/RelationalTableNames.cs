namespace OAuth2.Storage.Relational;

/// <summary>
/// The validated schema and prefix a store works under, and the quoted, qualified table names built from them
/// (what the dialect writes into its statements).
/// </summary>
public sealed record RelationalTableNames
{
    private RelationalTableNames(string? schema, string prefix, SqlDialect dialect)
    {
        Schema = schema;
        Prefix = prefix;
        Clients = dialect.QualifyTable(schema, prefix + "clients");
        AccessTokens = dialect.QualifyTable(schema, prefix + "access_tokens");
        RefreshTokens = dialect.QualifyTable(schema, prefix + "refresh_tokens");
        AuthorizationCodes = dialect.QualifyTable(schema, prefix + "authorization_codes");
        DeviceAuthorizations = dialect.QualifyTable(schema, prefix + "device_authorizations");
        FailedAttempts = dialect.QualifyTable(schema, prefix + "failed_attempts");
        ReplayCache = dialect.QualifyTable(schema, prefix + "replay_cache");
    }

    /// <summary>The schema (unquoted), or <c>null</c> for a dialect without schemas.</summary>
    public string? Schema { get; }

    /// <summary>The table prefix (unquoted, possibly empty).</summary>
    public string Prefix { get; }

    public string Clients { get; }

    public string AccessTokens { get; }

    public string RefreshTokens { get; }

    public string AuthorizationCodes { get; }

    public string DeviceAuthorizations { get; }

    /// <summary>The failed-authentication counters behind the throttle, one row per key.</summary>
    public string FailedAttempts { get; }

    /// <summary>The six tables, in the order the schema script creates them.</summary>
    public IReadOnlyList<string> All => [Clients, AccessTokens, RefreshTokens, AuthorizationCodes, DeviceAuthorizations, FailedAttempts, ReplayCache];

    /// <summary>One-time values (assertion, DPoP proof and JWT grant <c>jti</c>s) until they expire, one row per key.</summary>
    public string ReplayCache { get; }

    /// <summary>Validates <paramref name="schema"/> and <paramref name="prefix"/> and builds the names.</summary>
    public static RelationalTableNames Create(SqlDialect dialect, string? schema, string prefix)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(prefix);
        if (dialect.SupportsSchemas)
        {
            SqlIdentifier.Validate(schema, "schema");
        }
        else if (schema is not null)
        {
            throw new ArgumentException($"The {dialect.Name} dialect has no schemas; leave the schema unset.", nameof(schema));
        }

        if (prefix.Length > 0)
        {
            SqlIdentifier.Validate(prefix, "table prefix");
        }

        return new RelationalTableNames(schema, prefix, dialect);
    }
}
