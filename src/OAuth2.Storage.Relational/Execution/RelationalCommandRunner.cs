using System.Data.Common;
using Dapper;

namespace OAuth2.Storage.Relational;

/// <summary>
/// Opens connections, runs reads (retried on transient faults), writes and transactions (never retried), and turns
/// driver failures into <see cref="StorageUnavailableException"/> or <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class RelationalCommandRunner
{
    private readonly SqlDialect _dialect;
    private readonly IRelationalConnectionFactory _connections;
    private readonly int _maxReadAttempts;
    private readonly TimeSpan _retryDelay;
    private readonly int? _commandTimeoutSeconds;

    public RelationalCommandRunner(SqlDialect dialect, IRelationalConnectionFactory connections, RelationalStorageOptions options)
    {
        _dialect = dialect;
        _connections = connections;
        _maxReadAttempts = options.MaxReadAttempts;
        _retryDelay = options.RetryDelay;
        _commandTimeoutSeconds = options.CommandTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null;
    }

    /// <summary>A Dapper command for <paramref name="statement"/>, bound to exactly the parameters it declares.</summary>
    public CommandDefinition Command(SqlStatement statement, StatementParameters parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(statement.Sql, parameters.For(statement), transaction, _commandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>A Dapper command for a script batch without parameters (schema creation).</summary>
    public CommandDefinition Script(string sql, CancellationToken cancellationToken) =>
        new(sql, null, null, _commandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>Runs an idempotent read, retrying transient faults a bounded number of times.</summary>
    public async ValueTask<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    return await read(connection, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (attempt < _maxReadAttempts && IsRetryable(e, cancellationToken))
            {
                await Task.Delay(_retryDelay * attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
            {
                throw translated;
            }
        }
    }

    /// <summary>Runs a write once: a write is never retried, since its first attempt may have taken effect.</summary>
    public async ValueTask<T> WriteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await write(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Opens a connection the caller keeps (for a lock tied to the session) and runs <paramref name="start"/> on it:
    /// returns the open connection when it answers <c>true</c>; closes it and returns <c>null</c> when it answers
    /// <c>false</c> or throws. Never retried.
    /// </summary>
    public async ValueTask<DbConnection?> OpenSessionAsync(Func<DbConnection, CancellationToken, Task<bool>> start, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (await start(connection, cancellationToken).ConfigureAwait(false))
            {
                var kept = connection;
                connection = null;
                return kept;
            }

            return null;
        }
        catch (Exception e) when (Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs several writes as one transaction: all of them or none.</summary>
    public ValueTask<T> TransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, ct) =>
            {
                var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await work(connection, transaction, ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            },
            cancellationToken);

    private ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => _connections.OpenConnectionAsync(cancellationToken);

    private bool IsRetryable(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception is not OperationCanceledException && _dialect.IsTransient(exception);

    private Exception? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException or StorageUnavailableException)
        {
            return null;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The storage operation was cancelled.", exception, cancellationToken);
        }

        if (exception is TimeoutException || _dialect.IsUnavailable(exception))
        {
            return new StorageUnavailableException($"The {_dialect.Name} OAuth2 store is unavailable: {exception.Message}", exception);
        }

        return null;
    }
}
