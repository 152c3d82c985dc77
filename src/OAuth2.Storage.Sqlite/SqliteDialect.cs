using Microsoft.Data.Sqlite;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.Sqlite;

/// <summary>
/// SQLite's SQL: the portable defaults (<c>ON CONFLICT</c> upsert, <c>UPDATE … RETURNING</c>, SQLite 3.35+) and
/// pruning by <c>rowid</c>. SQLite serializes writers, so the single-statement redemption is atomic.
/// It takes no pruning lease: a second process pruning the same file waits for the writer and finds nothing left.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    private static readonly Lazy<string> Script = new(() =>
        ReadEmbeddedScript(typeof(SqliteDialect).Assembly, "OAuth2.Storage.Sqlite.Schema.sqlite-schema.sql"));

    public override string Name => "SQLite";

    public override string SystemName => "sqlite";

    public override bool SupportsSchemas => false;

    public override string SchemaScriptTemplate => Script.Value;

    public override string PruneExpired(string table, string expiryColumn) =>
        $"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE {expiryColumn} <= @now LIMIT @batch_size) AND {expiryColumn} <= @now";

    /// <summary>The script's batches: split at lines that read <c>-- batch</c>, so each guarded upgrade step runs (and may fail) alone.</summary>
    public override IReadOnlyList<string> SplitScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return script.ReplaceLineEndings("\n").Split("\n-- batch\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>An <c>ADD COLUMN</c> of a column an earlier start added (SQLITE_ERROR, "duplicate column name").</summary>
    public override bool IsAlreadyApplied(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 1 } sqlite && sqlite.Message.Contains("duplicate column name", StringComparison.Ordinal);

    public override bool IsTransient(Exception exception) =>
        PrimaryCode(exception) is SqliteBusy or SqliteLocked;

    public override bool IsUnavailable(Exception exception) =>
        PrimaryCode(exception) is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen;

    private static int? PrimaryCode(Exception exception) =>
        exception is SqliteException sqlite ? sqlite.SqliteErrorCode & 0xFF : null;
}
