using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo;

public sealed partial class MongoOAuth2Store
{
    /// <summary>
    /// Deletes expired tokens and codes, and device authorizations past their retention (<c>retainUntil</c>, not
    /// their expiry) and failed-attempt counters whose window has ended, now, in batches of at most <paramref name="batchSize"/> documents per
    /// <c>deleteMany</c>, until none is left. The TTL indexes do this on their own about once a minute; call this
    /// when expired data must go sooner, or when the TTL indexes were not created.
    /// </summary>
    public async ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now;
        try
        {
            var removed = await PruneAsync(_accessTokens, ElementNames.ExpiresAt, batchSize, now, cancellationToken).ConfigureAwait(false);
            removed += await PruneAsync(_refreshTokens, ElementNames.ExpiresAt, batchSize, now, cancellationToken).ConfigureAwait(false);
            removed += await PruneAsync(_codes, ElementNames.ExpiresAt, batchSize, now, cancellationToken).ConfigureAwait(false);
            removed += await PruneAsync(_devices, ElementNames.RetainUntil, batchSize, now, cancellationToken).ConfigureAwait(false);
            removed += await PruneAsync(_failedAttempts, ElementNames.WindowEndsAt, batchSize, now, cancellationToken).ConfigureAwait(false);
            removed += await PruneAsync(_replayCache, ElementNames.ExpiresAt, batchSize, now, cancellationToken).ConfigureAwait(false);
            return checked((int)removed);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    private static async ValueTask<long> PruneAsync<T>(
        IMongoCollection<T> collection,
        string field,
        int batchSize,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        long removed = 0;
        while (true)
        {
            var batch = await collection.Find(StoreQueries.Expired<T>(now, field))
                .Project(StoreQueries.IdOnly<T>())
                .Limit(batchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return removed;
            }

            var ids = batch.Select(static d => d[ElementNames.Id]);
            var result = await collection.DeleteManyAsync(StoreQueries.ExpiredAmong<T>(ids, now, field), cancellationToken).ConfigureAwait(false);
            removed += result.DeletedCount;
        }
    }
}
