using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Errors;
using OAuth2.Storage.Mongo.Queries;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo;

public sealed partial class MongoOAuth2Store
{
    /// <inheritdoc />
    /// <remarks>
    /// One insert. The unique index on <c>userCode</c> (created by <see cref="EnsureIndexesAsync"/>) refuses a user
    /// code that another document holds; that duplicate-key error is the <c>false</c> answer. A holder past its
    /// retention that the TTL monitor has not deleted yet (it runs about once a minute) must not block: it is
    /// deleted (only if its retention has passed) and the insert is tried once more.
    /// </remarks>
    public async ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        cancellationToken.ThrowIfCancellationRequested();
        var document = DocumentMapper.ToDocument(deviceCodeDigest, userCodeDigest, authorization);
        try
        {
            if (await TryInsertDeviceAsync(document, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            var stale = await _devices.DeleteOneAsync(
                StoreQueries.StaleUserCodeHolder<DeviceAuthorizationDocument>(userCodeDigest, Now),
                cancellationToken).ConfigureAwait(false);
            return stale.DeletedCount > 0
                && await TryInsertDeviceAsync(document, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var document = await _devices.Find(StoreQueries.Retained<DeviceAuthorizationDocument>(ElementNames.Id, deviceCodeDigest, Now))
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : DocumentMapper.ToDeviceAuthorization(document);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>Served by the unique <c>userCode</c> index; only <c>_id</c> comes back.</remarks>
    public async ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var found = await _devices.Find(StoreQueries.Retained<DeviceAuthorizationDocument>(ElementNames.UserCode, userCodeDigest, Now))
                .Project(StoreQueries.IdOnly<DeviceAuthorizationDocument>())
                .Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return found is null ? null : TokenDigest.FromBytes(found[ElementNames.Id].AsBsonBinaryData.Bytes);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One <c>updateOne</c> filtered on <c>_id</c>, the expected <c>revision</c> and a retention still to come, that
    /// sets every element of the record but <c>userCode</c> and <c>retainUntil</c> (see
    /// <see cref="StoreQueries.ReplaceDeviceAuthorization"/>). The server matches and changes one document atomically,
    /// so exactly one of many concurrent callers matches. A retried write (after a failover) is answered with the
    /// original result, so a retry cannot turn a win into a loss or the reverse.
    /// </remarks>
    public async ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        cancellationToken.ThrowIfCancellationRequested();
        var replacement = DocumentMapper.ToDocument(deviceCodeDigest, deviceCodeDigest, authorization);
        try
        {
            var result = await _devices.UpdateOneAsync(
                StoreQueries.AtRevision<DeviceAuthorizationDocument>(deviceCodeDigest, expectedRevision, Now),
                StoreQueries.ReplaceDeviceAuthorization(replacement),
                options: null,
                cancellationToken).ConfigureAwait(false);
            return result.MatchedCount > 0;
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <summary>Inserts the record; <c>false</c> when the user code is held (by a retained or a stale record).</summary>
    private async ValueTask<bool> TryInsertDeviceAsync(DeviceAuthorizationDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await _devices.InsertOneAsync(document, options: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoWriteException exception) when (exception.WriteError is { } error && DuplicateKeys.IsOnSecondaryKey(error.Category, error.Message))
        {
            return false;
        }
        catch (MongoWriteException exception) when (exception.WriteError is { } error && DuplicateKeys.IsOnPrimaryKey(error.Category, error.Message))
        {
            // 256-bit values do not collide: the same device code was saved twice, which is a caller bug.
            throw new InvalidOperationException("A device authorization with this device code digest is already stored.", exception);
        }
    }
}
