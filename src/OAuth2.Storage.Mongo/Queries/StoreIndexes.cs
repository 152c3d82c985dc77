using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;

namespace OAuth2.Storage.Mongo.Queries;

/// <summary>
/// The indexes of every expiring collection: a TTL index on <c>expiresAt</c> (clean-up only, the store filters
/// expiry itself) and one on <c>grantId</c> for family revocation. Named explicitly, so creating them again is a no-op.
/// </summary>
internal static class StoreIndexes
{
    public const string ExpiryIndexName = "expiresAt_ttl";
    public const string GrantIndexName = "grantId";

    public static IReadOnlyList<CreateIndexModel<T>> ForExpiringCollection<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ExpiresAt, 1)),
            new CreateIndexOptions { Name = ExpiryIndexName, ExpireAfter = TimeSpan.Zero }),
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.GrantId, 1)),
            new CreateIndexOptions { Name = GrantIndexName }),
    ];
}
