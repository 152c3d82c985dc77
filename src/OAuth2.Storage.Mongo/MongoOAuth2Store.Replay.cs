using MongoDB.Driver;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo;

/// <summary>
/// The replay cache: one document per one-time value (<c>{_id: key, expiresAt, expireAt}</c>), so every instance that
/// shares the database refuses a replayed <c>jti</c>. The TTL index on <c>expireAt</c> forgets expired entries.
/// </summary>
public sealed partial class MongoOAuth2Store : IReplayCache
{
    private static readonly UpdateOptions Upsert = new() { IsUpsert = true };

    /// <inheritdoc />
    /// <remarks>
    /// One upsert filtered on <c>{_id: key, expiresAt: {$lte: now}}</c>: it replaces an expired entry or inserts a new
    /// one; an unexpired entry does not match, so the insert it falls back to hits the <c>_id</c> and the duplicate
    /// key error says "replay". The unique <c>_id</c> makes the insert the one atomic decision.
    /// </remarks>
    public async ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ReplayCacheArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        var ttl = Math.Max(1, expiresAt.ToUnixTimeMilliseconds() - now.ToUnixTimeMilliseconds());
        try
        {
            var result = await _replayCache.UpdateOneAsync(StoreQueries.ExpiredReplay(key, now), StoreQueries.AddReplay(expiresAt, ttl), Upsert, cancellationToken).ConfigureAwait(false);
            return result.ModifiedCount == 1 || result.UpsertedId is not null;
        }
        catch (MongoWriteException exception) when (exception.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
        catch (MongoCommandException exception) when (exception.Code == 11000)
        {
            return false;
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }
}
