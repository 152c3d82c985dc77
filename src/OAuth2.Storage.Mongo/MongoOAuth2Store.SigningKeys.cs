using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Errors;

namespace OAuth2.Storage.Mongo;

/// <summary>
/// JWT signing keys: one document per generation (<c>{_id: generation, kid, alg, key, createdAt, activatesAt}</c>;
/// <c>key</c> is the private key only as sealed by the server). The unique <c>_id</c> makes a rotation insert-once:
/// of two instances inserting one generation, the second gets a duplicate-key error and learns it lost.
/// </summary>
public sealed partial class MongoOAuth2Store : ISigningKeyStore
{
    private const int DuplicateKey = 11000;
    private readonly IMongoCollection<BsonDocument> _signingKeys;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var documents = await _signingKeys.Find(FilterDefinition<BsonDocument>.Empty)
                .Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. documents.Select(d => new StoredSigningKey
            {
                Generation = d["_id"].ToInt64(),
                KeyId = d["kid"].AsString,
                Algorithm = d["alg"].AsString,
                ProtectedKey = d["key"].AsByteArray,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(d["createdAt"].ToInt64()),
                ActivatesAt = DateTimeOffset.FromUnixTimeMilliseconds(d["activatesAt"].ToInt64()),
            })];
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        SigningKeyArguments.ThrowIfInvalid(key);
        cancellationToken.ThrowIfCancellationRequested();
        var document = new BsonDocument
        {
            ["_id"] = key.Generation,
            ["kid"] = key.KeyId,
            ["alg"] = key.Algorithm,
            ["key"] = new BsonBinaryData(key.ProtectedKey),
            ["createdAt"] = key.CreatedAt.ToUnixTimeMilliseconds(),
            ["activatesAt"] = key.ActivatesAt.ToUnixTimeMilliseconds(),
        };
        try
        {
            await _signingKeys.InsertOneAsync(document, options: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoWriteException exception) when (exception.WriteError?.Code == DuplicateKey)
        {
            return false;
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveSigningKeyAsync(long generation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _signingKeys.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", generation), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MongoFailures.IsUnavailable(exception))
        {
            throw MongoFailures.Unavailable(exception);
        }
    }
}
