using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo;

/// <summary>
/// Pushed authorization requests (RFC 9126): one document per <c>request_uri</c> digest
/// (<c>{_id: digest, clientId, parameters: [{n, v}], issuedAt, expiresAt, consumedAt?, expireAt}</c>). Parameters are
/// name/value pairs rather than fields, so no parameter name can collide with BSON's rules for field names. Consuming is
/// one filtered <c>updateOne</c> on a document without <c>consumedAt</c>; the TTL index on <c>expireAt</c> removes it.
/// </summary>
public sealed partial class MongoOAuth2Store : IPushedAuthorizationStore
{
    /// <inheritdoc />
    public async ValueTask SavePushedAuthorizationAsync(TokenDigest digest, PushedAuthorization request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _pushed.InsertOneAsync(StoreQueries.PushedAuthorization(digest, request), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var document = await _pushed.Find(StoreQueries.LivePushedAuthorization(digest, _time.GetUtcNow()))
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : StoreQueries.ToPushedAuthorization(document);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await _pushed.UpdateOneAsync(
                    StoreQueries.UnconsumedPushedAuthorization(digest),
                    StoreQueries.ConsumePushedAuthorization(consumedAt),
                    cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return result.ModifiedCount == 1;
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }
}
