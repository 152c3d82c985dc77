using Dapper;

namespace OAuth2.Storage.Relational;

/// <summary>
/// The OAuth2 store over any SQL engine: the mapping, binding, transactions and single-use logic live here once,
/// and a <see cref="SqlDialect"/> supplies only SQL text and driver knowledge. Each storage package
/// (SQL Server, PostgreSQL, SQLite) builds one of these.
/// </summary>
/// <remarks>
/// Redeeming a code or rotating a refresh token is one conditional UPDATE that returns the grant id only to its
/// winner. Rows are not deleted on expiry by the engine: call <see cref="PruneExpiredAsync"/> periodically (the DI
/// package's hosted service does, one server at a time through <see cref="TryAcquirePruningLeaseAsync"/>).
/// The store owns the connection factory and disposes it with itself.
/// </remarks>
public sealed partial class RelationalOAuth2Store : IOAuth2Store, IFailedAttemptStore, IExpiredDataPruner, IStoreInitializer, IAsyncDisposable, IDisposable, IReplayCache
{
    private readonly SqlDialect _dialect;
    private readonly IRelationalConnectionFactory _connections;
    private readonly RelationalCommandRunner _runner;
    private readonly TimeProvider _timeProvider;

    public RelationalOAuth2Store(
        SqlDialect dialect,
        RelationalTableNames tables,
        IRelationalConnectionFactory connections,
        RelationalStorageOptions options,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dialect = dialect;
        _connections = connections;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _runner = new RelationalCommandRunner(dialect, connections, options);
        Statements = RelationalStatements.Create(dialect, tables);
    }

    /// <summary>The statements this store runs, with the tables they address.</summary>
    internal RelationalStatements Statements { get; }

    /// <summary>The dialect this store speaks.</summary>
    public SqlDialect Dialect => _dialect;

    /// <summary>The idempotent script that creates the schema, tables and indexes; give it to a DBA instead of calling <see cref="EnsureSchemaAsync"/>.</summary>
    public string GetSchemaScript() => _dialect.GetSchemaScript(Statements.Tables);

    /// <summary>Creates the schema (idempotent): what a host runs at start-up through <see cref="IStoreInitializer"/>.</summary>
    ValueTask IStoreInitializer.InitializeAsync(CancellationToken cancellationToken) => EnsureSchemaAsync(cancellationToken);

    /// <summary>Creates whatever of the schema, tables and indexes is missing (safe to call at every start).</summary>
    public async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var batches = _dialect.SplitScript(GetSchemaScript());
        await _runner.WriteAsync(
                async (connection, ct) =>
                {
                    foreach (var batch in batches)
                    {
                        try
                        {
                            await connection.ExecuteAsync(_runner.Script(batch, ct)).ConfigureAwait(false);
                        }
                        catch (Exception e) when (_dialect.IsAlreadyApplied(e))
                        {
                            // An upgrade step this database already has (a column added by an earlier start).
                        }
                    }

                    return batches.Count;
                },
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        switch (_connections)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public void Dispose()
    {
        switch (_connections)
        {
            case IDisposable disposable:
                disposable.Dispose();
                break;
            case IAsyncDisposable asyncDisposable:
                asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
                break;
        }
    }

    private long NowMs() => RowMapper.ToUnixMs(_timeProvider.GetUtcNow());
}
