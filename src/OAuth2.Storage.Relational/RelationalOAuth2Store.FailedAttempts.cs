using Dapper;

namespace OAuth2.Storage.Relational;

/// <summary>
/// Failed-authentication counters: one row per throttle key in the <c>failed_attempts</c> table, counted by one
/// atomic upsert per failure, so every instance that shares the database shares the count. Ended windows are never
/// read again and go with <see cref="PruneExpiredAsync"/>.
/// </summary>
public sealed partial class RelationalOAuth2Store
{
    /// <inheritdoc />
    /// <remarks>One statement (see <see cref="SqlDialect.RecordFailure"/>), run once and never retried: a retry could count a failure twice.</remarks>
    public async ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        var end = FailedAttemptArguments.WindowEnd(now, window);
        var parameters = new StatementParameters()
            .Text("attempt_key", key)
            .Int64("now", RowMapper.ToUnixMs(now))
            .Int64("window_ends_at", RowMapper.ToUnixMs(end));
        var row = await _runner.WriteAsync(
                (connection, ct) => connection.QuerySingleAsync<FailedAttemptRow>(_runner.Command(Statements.RecordFailure, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return new FailedAttempts(row.attempt_count, RowMapper.FromUnixMs(row.window_ends_at));
    }

    /// <inheritdoc />
    public async ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        var parameters = new StatementParameters().Text("attempt_key", key).Int64("now", RowMapper.ToUnixMs(now));
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<FailedAttemptRow>(_runner.Command(Statements.FindFailures, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? FailedAttempts.None : new FailedAttempts(row.attempt_count, RowMapper.FromUnixMs(row.window_ends_at));
    }

    /// <inheritdoc />
    public async ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        var parameters = new StatementParameters().Text("attempt_key", key);
        await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(Statements.DeleteFailures, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
    }
}
