using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo;

/// <summary>
/// Failed-authentication counters: one document per throttle key (<c>{_id: key, count, windowEndsAt, expireAt}</c>)
/// in the failed-attempts collection, counted by one <c>findAndModify</c> per failure, so every instance that shares
/// the database shares the count. The TTL index on <c>expireAt</c> forgets ended windows.
/// </summary>
public sealed partial class MongoOAuth2Store : IFailedAttemptStore
{
    private static readonly FindOneAndUpdateOptions<BsonDocument> RecordOptions = new() { IsUpsert = true, ReturnDocument = ReturnDocument.After };

    /// <inheritdoc />
    /// <remarks>
    /// One <c>findAndModify</c> with upsert and the update pipeline of <see cref="StoreQueries.RecordFailure"/>,
    /// returning the document after it. Two first failures of a key can race to insert it; the server retries an
    /// upsert on an <c>_id</c> equality itself, and should one still report the duplicate key it is sent once more and
    /// then finds the document.
    /// </remarks>
    public async ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        var end = FailedAttemptArguments.WindowEnd(now, window);
        cancellationToken.ThrowIfCancellationRequested();
        var ttl = Math.Max(1, end.ToUnixTimeMilliseconds() - now.ToUnixTimeMilliseconds());
        var filter = StoreQueries.ById<BsonDocument>(new BsonString(key));
        var update = StoreQueries.RecordFailure(now, end, ttl);
        try
        {
            BsonDocument after;
            try
            {
                after = await _failedAttempts.FindOneAndUpdateAsync(filter, update, RecordOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (MongoCommandException exception) when (exception.Code == 11000)
            {
                after = await _failedAttempts.FindOneAndUpdateAsync(filter, update, RecordOptions, cancellationToken).ConfigureAwait(false);
            }

            return ToFailedAttempts(after);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var document = await _failedAttempts.Find(StoreQueries.CurrentWindow(key, now))
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? FailedAttempts.None : ToFailedAttempts(document);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _failedAttempts.DeleteOneAsync(StoreQueries.ById<BsonDocument>(new BsonString(key)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    private static FailedAttempts ToFailedAttempts(BsonDocument document) =>
        new(document[ElementNames.AttemptCount].ToInt64(), DocumentMapper.Utc(document[ElementNames.WindowEndsAt].ToUniversalTime()));
}
