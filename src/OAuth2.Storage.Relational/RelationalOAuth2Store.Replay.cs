using Dapper;

namespace OAuth2.Storage.Relational;

/// <summary>
/// The replay cache: one row per one-time value in the <c>replay_cache</c> table, added by one atomic upsert that
/// returns a row only to the caller that recorded it, so every instance sharing the database refuses a replay.
/// Expired rows are replaced on the next add of their key and otherwise go with <see cref="PruneExpiredAsync"/>.
/// </summary>
public sealed partial class RelationalOAuth2Store
{
    /// <inheritdoc />
    /// <remarks>One statement (see <see cref="SqlDialect.AddReplay"/>), run once and never retried: a retry after a lost reply would call the first use a replay.</remarks>
    public async ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ReplayCacheArguments.ThrowIfInvalidKey(key);
        var parameters = new StatementParameters()
            .Text("replay_key", key)
            .Int64("expires_at", RowMapper.ToUnixMs(expiresAt))
            .Int64("now", RowMapper.ToUnixMs(now));
        var added = await _runner.WriteAsync(
                (connection, ct) => connection.QueryFirstOrDefaultAsync<int?>(_runner.Command(Statements.AddReplay, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return added is not null;
    }
}
