using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.SqlServer;

/// <summary>
/// T-SQL for SQL Server 2019+ and Azure SQL: <c>MERGE … WITH (HOLDLOCK)</c> upsert, <c>UPDATE … OUTPUT inserted.grant_id</c>
/// redemption and <c>DELETE TOP (@batch_size)</c> pruning. The UPDATE takes an update lock on the row, so of any
/// number of concurrent redemptions exactly one matches <c>redeemed_at IS NULL</c>.
/// </summary>
internal sealed partial class SqlServerDialect : SqlDialect
{
    // Transient per Microsoft's guidance for SQL Server / Azure SQL: timeouts, deadlocks, failover, throttling.
    private static readonly HashSet<int> TransientNumbers =
    [
        -2, 20, 64, 233, 1205, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613,
        42108, 42109, 49918, 49919, 49920,
    ];

    // The server cannot be reached or cannot serve: network errors, login-time failures to open the database.
    private static readonly HashSet<int> UnavailableNumbers = [-1, 2, 53, 121, 258, 1222, 11001, 18401];

    private static readonly Lazy<string> Script = new(() =>
        ReadEmbeddedScript(typeof(SqlServerDialect).Assembly, "OAuth2.Storage.SqlServer.Schema.sqlserver-schema.sql"));

    public override string Name => "SQL Server";

    public override string SystemName => "microsoft.sql_server";

    public override string QuoteIdentifier(string identifier) => "[" + identifier + "]";

    public override string SchemaScriptTemplate => Script.Value;

    public override IReadOnlyList<string> SplitScript(string script) =>
        GoSeparator().Split(script).Where(batch => !string.IsNullOrWhiteSpace(batch)).ToArray();

    public override string UpsertClient(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var columns = RelationalColumns.Clients;
        var updates = string.Join(", ", columns.Skip(1).Select(c => $"{c} = @{c}"));
        return $"MERGE {t.Clients} WITH (HOLDLOCK) AS target USING (SELECT @client_id AS client_id) AS source " +
               "ON target.client_id = source.client_id " +
               $"WHEN MATCHED THEN UPDATE SET {updates} " +
               $"WHEN NOT MATCHED THEN INSERT ({List(columns)}) VALUES ({Parameters(columns)});";
    }

    public override string RedeemRefreshToken(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return $"UPDATE {t.RefreshTokens} SET redeemed_at = @redeemed_at OUTPUT inserted.grant_id " +
               "WHERE digest = @digest AND redeemed_at IS NULL AND (expires_at IS NULL OR expires_at > @now)";
    }

    public override string RedeemAuthorizationCode(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return $"UPDATE {t.AuthorizationCodes} SET redeemed_at = @redeemed_at OUTPUT inserted.grant_id " +
               "WHERE digest = @digest AND redeemed_at IS NULL AND expires_at > @now";
    }

    /// <summary>
    /// T-SQL has no <c>ON CONFLICT</c>: the insert happens only if no row holds the user code, checked under an
    /// update range lock (<c>UPDLOCK, HOLDLOCK</c>) on the unique user-code index, so two concurrent saves of one
    /// user code run one after the other and the second inserts nothing.
    /// </summary>
    public override string InsertDeviceAuthorization(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var columns = RelationalColumns.DeviceAuthorizations;
        return $"INSERT INTO {t.DeviceAuthorizations} ({List(columns)}) SELECT {Parameters(columns)} " +
               $"WHERE NOT EXISTS (SELECT 1 FROM {t.DeviceAuthorizations} WITH (UPDLOCK, HOLDLOCK) WHERE user_digest = @user_digest)";
    }

    /// <summary>
    /// T-SQL has no <c>ON CONFLICT</c>: one <c>MERGE … WITH (HOLDLOCK)</c> holds a key-range lock on the attempt key
    /// from the match to the write, so concurrent failures of one key (even a key with no row yet) run one after the
    /// other and none is lost; <c>OUTPUT</c> returns the row after the change. The key column is binary collated, so
    /// the match is exact whatever the database collation.
    /// </summary>
    public override string RecordFailure(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return $"MERGE {t.FailedAttempts} WITH (HOLDLOCK) AS target USING (SELECT @attempt_key AS attempt_key) AS source " +
               "ON target.attempt_key = source.attempt_key " +
               "WHEN MATCHED THEN UPDATE SET " +
               "attempt_count = CASE WHEN target.window_ends_at > @now THEN target.attempt_count + 1 ELSE 1 END, " +
               "window_ends_at = CASE WHEN target.window_ends_at > @now THEN target.window_ends_at ELSE @window_ends_at END " +
               "WHEN NOT MATCHED THEN INSERT (attempt_key, attempt_count, window_ends_at) VALUES (@attempt_key, 1, @window_ends_at) " +
               "OUTPUT inserted.attempt_count, inserted.window_ends_at;";
    }

    /// <summary>
    /// T-SQL has no <c>ON CONFLICT</c>: one <c>MERGE … WITH (HOLDLOCK)</c> holds a key-range lock on the replay key from
    /// the match to the write, so of concurrent adds one inserts (or replaces an expired row) and the rest match an
    /// unexpired row and change nothing; <c>OUTPUT</c> returns a row only for the change.
    /// </summary>
    public override string AddReplay(RelationalTableNames t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return $"MERGE {t.ReplayCache} WITH (HOLDLOCK) AS target USING (SELECT @replay_key AS replay_key) AS source " +
               "ON target.replay_key = source.replay_key " +
               "WHEN MATCHED AND target.expires_at <= @now THEN UPDATE SET expires_at = @expires_at " +
               "WHEN NOT MATCHED THEN INSERT (replay_key, expires_at) VALUES (@replay_key, @expires_at) " +
               "OUTPUT 1;";
    }

    public override string PruneExpired(string table, string expiryColumn) =>
        $"DELETE TOP (@batch_size) FROM {table} WHERE {expiryColumn} <= @now";

    /// <summary>
    /// An exclusive application lock owned by the session (<c>sp_getapplock</c>, no wait): no table, and the server
    /// drops it with the connection. A return value of 0 or 1 means granted; -1 (timeout) means another session holds it.
    /// </summary>
    public override string TryAcquirePruningLease() =>
        "DECLARE @result int; " +
        "EXEC @result = sp_getapplock @Resource = @lease_name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; " +
        "SELECT CASE WHEN @result >= 0 THEN 1 ELSE 0 END;";

    public override string ReleasePruningLease() =>
        "EXEC sp_releaseapplock @Resource = @lease_name, @LockOwner = 'Session';";

    /// <summary>Errors 2627 (unique constraint) and 2601 (unique index) that name <paramref name="constraintName"/>.</summary>
    public override bool IsUniqueViolation(Exception exception, string constraintName) =>
        exception is SqlException sql
        && sql.Errors.Cast<SqlError>().Any(e => e.Number is 2627 or 2601 && e.Message.Contains("'" + constraintName + "'", StringComparison.Ordinal));

    public override bool IsTransient(Exception exception) =>
        exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number));

    public override bool IsUnavailable(Exception exception) =>
        exception is SqlException sql
        && (sql.Class >= 20 || sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number) || UnavailableNumbers.Contains(e.Number)));

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoSeparator();
}
