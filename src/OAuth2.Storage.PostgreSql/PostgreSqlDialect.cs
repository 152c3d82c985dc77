using Npgsql;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.PostgreSql;

/// <summary>
/// PostgreSQL's SQL: the portable defaults (<c>ON CONFLICT</c> upsert, <c>UPDATE … RETURNING</c>) and pruning by
/// <c>ctid</c>. Under READ COMMITTED a concurrent redemption waits for the row lock and then re-checks
/// <c>redeemed_at IS NULL</c> on the committed row, so exactly one caller wins.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    private static readonly Lazy<string> Script = new(() =>
        ReadEmbeddedScript(typeof(PostgreSqlDialect).Assembly, "OAuth2.Storage.PostgreSql.Schema.postgresql-schema.sql"));

    public override string Name => "PostgreSQL";

    public override string SystemName => "postgresql";

    public override string SchemaScriptTemplate => Script.Value;

    public override string PruneExpired(string table, string expiryColumn) =>
        $"DELETE FROM {table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE {expiryColumn} <= @now LIMIT @batch_size)) AND {expiryColumn} <= @now";

    /// <summary>
    /// A session-level advisory lock on a 64-bit key hashed from the lease name (<c>hashtextextended</c>, PostgreSQL
    /// 11+): no table, and the server drops it with the connection. Needs a session that outlives the statement, so
    /// it does not hold through a transaction-mode pooler (PgBouncer); connect the pruner directly there.
    /// </summary>
    public override string TryAcquirePruningLease() =>
        "SELECT CASE WHEN pg_try_advisory_lock(hashtextextended(@lease_name, 0)) THEN 1 ELSE 0 END";

    public override string ReleasePruningLease() =>
        "SELECT pg_advisory_unlock(hashtextextended(@lease_name, 0))";

    /// <summary>SQLSTATE 23505 (unique_violation) on <paramref name="constraintName"/>.</summary>
    public override bool IsUniqueViolation(Exception exception, string constraintName) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && string.Equals(postgres.ConstraintName, constraintName, StringComparison.Ordinal);

    public override bool IsTransient(Exception exception) => exception is NpgsqlException { IsTransient: true };

    public override bool IsUnavailable(Exception exception) => exception switch
    {
        // Connection exceptions, insufficient resources, operator intervention (shutdown, starting up).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                      || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                                      || postgres.SqlState is "57P01" or "57P02" or "57P03",
        // Anything else Npgsql raises itself: refused or broken connection, timeout, exhausted pool.
        NpgsqlException => true,
        _ => false,
    };
}
