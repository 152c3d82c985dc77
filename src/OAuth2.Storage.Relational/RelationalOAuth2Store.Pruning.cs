using Dapper;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store
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
        foreach (var statement in (SqlStatement[])[Statements.PruneAccessTokens, Statements.PruneRefreshTokens, Statements.PruneAuthorizationCodes, Statements.PruneDeviceAuthorizations, Statements.PruneFailedAttempts])
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
}
