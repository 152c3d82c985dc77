using System.Data.Common;
using Dapper;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store : IPruningLease
{
    /// <summary>
    /// Deletes expired rows of every table, at most <paramref name="batchSize"/> per statement, each batch its own
    /// short write, until a batch comes back short. Rows that have not expired (or never expire) are never touched;
    /// device authorizations go when their retention (<c>retain_until</c>) ends, not at their expiry, and failed-attempt
    /// counters when their window (<c>window_ends_at</c>) ends.
    /// </summary>
    public async ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var now = NowMs();
        var total = 0;
        foreach (var statement in (SqlStatement[])[Statements.PruneAccessTokens, Statements.PruneRefreshTokens, Statements.PruneAuthorizationCodes, Statements.PruneDeviceAuthorizations, Statements.PruneFailedAttempts, Statements.PruneReplayCache])
        {
            int deleted;
            do
            {
                var parameters = new StatementParameters().Int64("now", now).Int32("batch_size", batchSize);
                deleted = await _runner.WriteAsync(
                        (connection, ct) => connection.ExecuteAsync(_runner.Command(statement, parameters, null, ct)),
                        cancellationToken)
                    .ConfigureAwait(false);
                total += deleted;
            }
            while (deleted >= batchSize);
        }

        return total;
    }

    /// <summary>
    /// Takes the database lock that lets one server at a time prune these tables (PostgreSQL advisory lock, SQL Server
    /// application lock), on a connection of its own held until the handle is disposed; <c>null</c> when another
    /// session holds it. An engine that needs no lease (SQLite) always grants it.
    /// </summary>
    public async ValueTask<IAsyncDisposable?> TryAcquirePruningLeaseAsync(CancellationToken cancellationToken)
    {
        if (Statements.AcquirePruningLease is not { } acquire || Statements.ReleasePruningLease is not { } release)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return NoLease.Instance;
        }

        var connection = await _runner.OpenSessionAsync(
                async (c, ct) => await c.ExecuteScalarAsync<int>(_runner.Command(acquire, LeaseParameters(), null, ct)).ConfigureAwait(false) == 1,
                cancellationToken)
            .ConfigureAwait(false);
        return connection is null ? null : new Lease(this, connection, release);
    }

    private StatementParameters LeaseParameters() => new StatementParameters().Text("lease_name", Statements.PruningLeaseName);

    /// <summary>The held lease: releases the lock, then returns the connection (closing it drops the lock regardless).</summary>
    private sealed class Lease(RelationalOAuth2Store store, DbConnection connection, SqlStatement release) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                await connection.ExecuteAsync(store._runner.Command(release, store.LeaseParameters(), null, CancellationToken.None)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Best effort: a broken connection has lost the lock with its session already.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
