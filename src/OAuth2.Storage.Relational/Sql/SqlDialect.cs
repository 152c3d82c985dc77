namespace OAuth2.Storage.Relational;

/// <summary>
/// What differs between database engines, and nothing else: the SQL text of each statement, the schema script,
/// identifier quoting, and how to read the driver's exceptions. The store logic (mapping, binding, transactions,
/// retries) is written once in <see cref="RelationalOAuth2Store"/>.
/// </summary>
/// <remarks>
/// Statements receive values only as parameters named after <see cref="RelationalColumns"/> plus <c>@now</c> and
/// <c>@batch_size</c>. The defaults below are portable SQL (with <c>ON CONFLICT</c> and <c>RETURNING</c>, as
/// PostgreSQL and SQLite have them); a dialect overrides what its engine spells differently.
/// </remarks>
public abstract class SqlDialect
{
    /// <summary>A display name ("SQL Server", "PostgreSQL", "SQLite").</summary>
    public abstract string Name { get; }

    /// <summary>The database's name as OpenTelemetry's <c>db.system.name</c> spells it, tagged on store metrics and spans.</summary>
    public virtual string SystemName => Name.ToLowerInvariant();

    /// <summary>Whether tables live in a named schema.</summary>
    public virtual bool SupportsSchemas => true;

    /// <summary>Quotes an identifier that <see cref="SqlIdentifier"/> already validated.</summary>
    public virtual string QuoteIdentifier(string identifier) => "\"" + identifier + "\"";

    /// <summary>The quoted, schema-qualified name of a table.</summary>
    public virtual string QualifyTable(string? schema, string table) =>
        schema is null ? QuoteIdentifier(table) : QuoteIdentifier(schema) + "." + QuoteIdentifier(table);

    /// <summary>
    /// The idempotent schema script as embedded in the dialect's package, with <c>{{schema}}</c> and
    /// <c>{{prefix}}</c> placeholders.
    /// </summary>
    public abstract string SchemaScriptTemplate { get; }

    /// <summary>The schema script for <paramref name="tables"/>: run it as is, or hand it to a DBA.</summary>
    public string GetSchemaScript(RelationalTableNames tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return SchemaScriptTemplate
            .Replace("{{schema}}", tables.Schema ?? string.Empty, StringComparison.Ordinal)
            .Replace("{{prefix}}", tables.Prefix, StringComparison.Ordinal);
    }

    /// <summary>Splits a script into the batches the driver runs one by one (SQL Server splits on <c>GO</c>).</summary>
    public virtual IReadOnlyList<string> SplitScript(string script) => [script];

    /// <summary>
    /// Whether a schema batch failed only because what it adds is there already (a column added by an earlier start),
    /// for engines without an <c>IF NOT EXISTS</c> form of it; the batch is then skipped. The default knows no such error.
    /// </summary>
    public virtual bool IsAlreadyApplied(Exception exception) => false;

    /// <summary>
    /// Whether the exception is a violation of the unique constraint <paramref name="constraintName"/> (unquoted, with
    /// the table prefix). The device save treats one on the user-code key as "user code taken", should the engine raise
    /// it despite the insert's own check; the default knows no such error.
    /// </summary>
    public virtual bool IsUniqueViolation(Exception exception, string constraintName) => false;

    /// <summary>Whether retrying the same read may succeed (deadlock victim, failover, busy database).</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Whether the exception means the backend cannot be reached (network, timeout, shutdown, database file unavailable).</summary>
    public abstract bool IsUnavailable(Exception exception);

    // Clients

    public virtual string FindClient(RelationalTableNames t) =>
        $"SELECT {List(RelationalColumns.Clients)} FROM {Tables(t).Clients} WHERE client_id = @client_id";

    public virtual string UpsertClient(RelationalTableNames t)
    {
        var updates = string.Join(", ", RelationalColumns.Clients.Skip(1).Select(c => $"{c} = excluded.{c}"));
        return $"INSERT INTO {Tables(t).Clients} ({List(RelationalColumns.Clients)}) VALUES ({Parameters(RelationalColumns.Clients)}) " +
               $"ON CONFLICT (client_id) DO UPDATE SET {updates}";
    }

    public virtual string DeleteClient(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).Clients} WHERE client_id = @client_id";

    // Access tokens

    public virtual string InsertAccessToken(RelationalTableNames t) => Insert(Tables(t).AccessTokens, RelationalColumns.AccessTokens);

    public virtual string FindAccessToken(RelationalTableNames t) =>
        $"SELECT {List(RelationalColumns.AccessTokens)} FROM {Tables(t).AccessTokens} WHERE digest = @digest AND expires_at > @now";

    public virtual string DeleteAccessToken(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).AccessTokens} WHERE digest = @digest";

    public virtual string DeleteAccessTokensOfGrant(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).AccessTokens} WHERE grant_id = @grant_id";

    // Refresh tokens

    public virtual string InsertRefreshToken(RelationalTableNames t) => Insert(Tables(t).RefreshTokens, RelationalColumns.RefreshTokens);

    public virtual string FindRefreshToken(RelationalTableNames t) =>
        $"SELECT {List(RelationalColumns.RefreshTokens)} FROM {Tables(t).RefreshTokens} " +
        "WHERE digest = @digest AND (expires_at IS NULL OR expires_at > @now)";

    /// <summary>The single compare-and-swap that rotates a refresh token: returns <c>grant_id</c> only to the winner.</summary>
    public virtual string RedeemRefreshToken(RelationalTableNames t) =>
        $"UPDATE {Tables(t).RefreshTokens} SET redeemed_at = @redeemed_at " +
        "WHERE digest = @digest AND redeemed_at IS NULL AND (expires_at IS NULL OR expires_at > @now) RETURNING grant_id";

    public virtual string FindRefreshTokenRedemption(RelationalTableNames t) =>
        $"SELECT grant_id, redeemed_at FROM {Tables(t).RefreshTokens} " +
        "WHERE digest = @digest AND (expires_at IS NULL OR expires_at > @now)";

    public virtual string DeleteRefreshToken(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).RefreshTokens} WHERE digest = @digest";

    public virtual string DeleteRefreshTokensOfGrant(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).RefreshTokens} WHERE grant_id = @grant_id";

    /// <summary>Every access token of one client (RFC 7592 section 2.3), served by the <c>client_id</c> index.</summary>
    public virtual string DeleteAccessTokensOfClient(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).AccessTokens} WHERE client_id = @client_id";

    /// <summary>Every refresh token of one client, rotated ones included, served by the <c>client_id</c> index.</summary>
    public virtual string DeleteRefreshTokensOfClient(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).RefreshTokens} WHERE client_id = @client_id";

    // Authorization codes

    public virtual string InsertAuthorizationCode(RelationalTableNames t) =>
        Insert(Tables(t).AuthorizationCodes, RelationalColumns.AuthorizationCodes);

    public virtual string FindAuthorizationCode(RelationalTableNames t) =>
        $"SELECT {List(RelationalColumns.AuthorizationCodes)} FROM {Tables(t).AuthorizationCodes} WHERE digest = @digest AND expires_at > @now";

    /// <summary>The single compare-and-swap that redeems a code: returns <c>grant_id</c> only to the winner.</summary>
    public virtual string RedeemAuthorizationCode(RelationalTableNames t) =>
        $"UPDATE {Tables(t).AuthorizationCodes} SET redeemed_at = @redeemed_at " +
        "WHERE digest = @digest AND redeemed_at IS NULL AND expires_at > @now RETURNING grant_id";

    public virtual string FindAuthorizationCodeRedemption(RelationalTableNames t) =>
        $"SELECT grant_id, redeemed_at FROM {Tables(t).AuthorizationCodes} WHERE digest = @digest AND expires_at > @now";

    public virtual string DeleteAuthorizationCodesOfGrant(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).AuthorizationCodes} WHERE grant_id = @grant_id";

    // Device authorizations

    /// <summary>
    /// Deletes the row holding <c>@user_digest</c> only if its retention has passed: the save runs it first, in its
    /// transaction, so a forgotten (not yet pruned) record never blocks a new user code.
    /// </summary>
    public virtual string DeleteStaleDeviceUserCode(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).DeviceAuthorizations} WHERE user_digest = @user_digest AND retain_until <= @now";

    /// <summary>
    /// Inserts a device authorization unless a row already holds its user code: affects one row, or none when the
    /// user code is taken (the save then answers <c>false</c>).
    /// </summary>
    public virtual string InsertDeviceAuthorization(RelationalTableNames t) =>
        Insert(Tables(t).DeviceAuthorizations, RelationalColumns.DeviceAuthorizations) + " ON CONFLICT (user_digest) DO NOTHING";

    public virtual string FindDeviceAuthorization(RelationalTableNames t) =>
        $"SELECT {List(RelationalColumns.DeviceAuthorizations)} FROM {Tables(t).DeviceAuthorizations} " +
        "WHERE device_digest = @device_digest AND retain_until > @now";

    public virtual string FindDeviceCodeByUserCode(RelationalTableNames t) =>
        $"SELECT device_digest FROM {Tables(t).DeviceAuthorizations} WHERE user_digest = @user_digest AND retain_until > @now";

    /// <summary>
    /// The revision compare-and-swap: replaces every column but the keys and the retention, only over the expected
    /// revision of a retained row. Its affected-row count (1 or 0) is the answer.
    /// </summary>
    public virtual string UpdateDeviceAuthorization(RelationalTableNames t)
    {
        var updates = string.Join(", ", RelationalColumns.DeviceAuthorizationUpdates.Select(c => $"{c} = @{c}"));
        return $"UPDATE {Tables(t).DeviceAuthorizations} SET {updates} " +
               "WHERE device_digest = @device_digest AND revision = @expected_revision AND retain_until > @now";
    }

    // Failed attempts

    /// <summary>
    /// Counts one failure in one atomic statement and returns the row after it (<c>attempt_count</c>,
    /// <c>window_ends_at</c>): inserts a new window, adds to a window that ends after <c>@now</c>, or replaces one that
    /// ended at or before it with a new window ending at <c>@window_ends_at</c>. The engine's row lock on the conflict
    /// makes concurrent failures run one after the other, each on the row the previous one left.
    /// </summary>
    public virtual string RecordFailure(RelationalTableNames t) =>
        $"INSERT INTO {Tables(t).FailedAttempts} AS f (attempt_key, attempt_count, window_ends_at) VALUES (@attempt_key, 1, @window_ends_at) " +
        "ON CONFLICT (attempt_key) DO UPDATE SET " +
        "attempt_count = CASE WHEN f.window_ends_at > @now THEN f.attempt_count + 1 ELSE 1 END, " +
        "window_ends_at = CASE WHEN f.window_ends_at > @now THEN f.window_ends_at ELSE excluded.window_ends_at END " +
        "RETURNING attempt_count, window_ends_at";

    public virtual string FindFailures(RelationalTableNames t) =>
        $"SELECT attempt_count, window_ends_at FROM {Tables(t).FailedAttempts} WHERE attempt_key = @attempt_key AND window_ends_at > @now";

    public virtual string DeleteFailures(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).FailedAttempts} WHERE attempt_key = @attempt_key";

    // Replay cache

    /// <summary>
    /// Records a one-time value in one atomic statement: inserts <c>@replay_key</c> until <c>@expires_at</c>, or
    /// replaces an entry that expired at or before <c>@now</c>, and returns a row only then; an unexpired entry returns
    /// no row (a replay). The engine's row lock on the conflict makes concurrent adds run one after the other.
    /// </summary>
    public virtual string AddReplay(RelationalTableNames t) =>
        $"INSERT INTO {Tables(t).ReplayCache} AS r (replay_key, expires_at) VALUES (@replay_key, @expires_at) " +
        "ON CONFLICT (replay_key) DO UPDATE SET expires_at = excluded.expires_at WHERE r.expires_at <= @now " +
        "RETURNING 1";

    // Pushed authorization requests

    public virtual string InsertPushedAuthorization(RelationalTableNames t) =>
        Insert(Tables(t).PushedAuthorizations, RelationalColumns.PushedAuthorizations);

    public virtual string FindPushedAuthorization(RelationalTableNames t) =>
        $"SELECT {List(RelationalColumns.PushedAuthorizations)} FROM {Tables(t).PushedAuthorizations} WHERE digest = @digest AND expires_at > @now";

    /// <summary>The single compare-and-swap that consumes a pushed request: its affected-row count (1 or 0) is the answer.</summary>
    public virtual string ConsumePushedAuthorization(RelationalTableNames t) =>
        $"UPDATE {Tables(t).PushedAuthorizations} SET consumed_at = @consumed_at WHERE digest = @digest AND consumed_at IS NULL";

    // Signing keys

    /// <summary>
    /// Inserts one signing key unless its generation is taken, in one statement that affects 1 row when this caller
    /// won and 0 when another did: the primary key decides, so of concurrent rotations exactly one inserts.
    /// </summary>
    public virtual string InsertSigningKey(RelationalTableNames t) =>
        $"INSERT INTO {Tables(t).SigningKeys} (generation, key_id, algorithm, protected_key, created_at, activates_at) " +
        "VALUES (@generation, @key_id, @algorithm, @protected_key, @created_at, @activates_at) ON CONFLICT (generation) DO NOTHING";

    public virtual string FindSigningKeys(RelationalTableNames t) =>
        $"SELECT generation, key_id, algorithm, protected_key, created_at, activates_at FROM {Tables(t).SigningKeys} ORDER BY generation";

    public virtual string DeleteSigningKey(RelationalTableNames t) =>
        $"DELETE FROM {Tables(t).SigningKeys} WHERE generation = @generation";

    // Pruning

    /// <summary>
    /// Deletes at most <c>@batch_size</c> rows of <paramref name="table"/> (a name from <see cref="RelationalTableNames"/>)
    /// whose <paramref name="expiryColumn"/> (<c>expires_at</c>, <c>retain_until</c> for device authorizations, <c>window_ends_at</c> for failed attempts) is at
    /// or before <c>@now</c>, and never a row without expiry.
    /// </summary>
    public abstract string PruneExpired(string table, string expiryColumn);

    // Pruning lease

    /// <summary>
    /// Takes the pruning lease named <c>@lease_name</c> for the session (connection) that runs it, without waiting,
    /// and selects 1 when taken or 0 when another session holds it. Tied to the session, so a server that dies
    /// mid-run releases it with its connection. <c>null</c> (the default): the engine needs no lease.
    /// </summary>
    public virtual string? TryAcquirePruningLease() => null;

    /// <summary>Releases the lease <see cref="TryAcquirePruningLease"/> took on the same session; <c>null</c> with it.</summary>
    public virtual string? ReleasePruningLease() => null;

    /// <summary>Reads a schema script shipped as an embedded resource of the dialect's assembly.</summary>
    protected static string ReadEmbeddedScript(System.Reflection.Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The schema script {resourceName} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A comma-separated column list.</summary>
    protected static string List(IEnumerable<string> columns) => string.Join(", ", columns);

    /// <summary>The matching parameter list (<c>@a, @b</c>).</summary>
    protected static string Parameters(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => "@" + c));

    /// <summary>A plain INSERT of every column from the parameter of the same name.</summary>
    protected static string Insert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({List(columns)}) VALUES ({Parameters(columns)})";

    private static RelationalTableNames Tables(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t;
    }
}
