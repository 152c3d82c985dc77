using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;

namespace OAuth2.Storage.Mongo.Queries;

/// <summary>
/// The indexes of every expiring collection: a TTL index on <c>expiresAt</c> (clean-up only, the store filters
/// expiry itself) and one on <c>grantId</c> for family revocation; for device authorizations a unique index on the
/// user code and a TTL index on <c>retainUntil</c>. Named explicitly, so creating them again is a no-op.
/// </summary>
internal static class StoreIndexes
{
    public const string ExpiryIndexName = "expiresAt_ttl";
    public const string GrantIndexName = "grantId";
    public const string UserCodeIndexName = "userCode_unique";
    public const string RetentionIndexName = "retainUntil_ttl";
    public const string FailedAttemptExpiryIndexName = "expireAt_ttl";
    public const string WindowEndIndexName = "windowEndsAt";
    public const string ClientIndexName = "clientId";

    public static IReadOnlyList<CreateIndexModel<T>> ForExpiringCollection<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ExpiresAt, 1)),
            new CreateIndexOptions { Name = ExpiryIndexName, ExpireAfter = TimeSpan.Zero }),
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.GrantId, 1)),
            new CreateIndexOptions { Name = GrantIndexName }),
    ];

    /// <summary>
    /// The token collections' index on <c>clientId</c>, for revoking every token of a deleted client (RFC 7592
    /// section 2.3) without a collection scan; created next to <see cref="ForExpiringCollection{T}"/>.
    /// </summary>
    public static IReadOnlyList<CreateIndexModel<T>> ForTokenClients<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ClientId, 1)),
            new CreateIndexOptions { Name = ClientIndexName }),
    ];

    /// <summary>
    /// The device authorization indexes: a unique index on <c>userCode</c>, which is what makes a user code belong to
    /// one retained record (the save relies on its duplicate-key error), and a TTL index on <c>retainUntil</c>.
    /// </summary>
    public static IReadOnlyList<CreateIndexModel<T>> ForDeviceAuthorizations<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.UserCode, 1)),
            new CreateIndexOptions { Name = UserCodeIndexName, Unique = true }),
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.RetainUntil, 1)),
            new CreateIndexOptions { Name = RetentionIndexName, ExpireAfter = TimeSpan.Zero }),
    ];

    /// <summary>
    /// The failed-attempt indexes: a TTL index on <c>expireAt</c> (the window's end by the server's own clock, so the
    /// TTL monitor forgets ended windows whatever clock the throttle passes) and one on <c>windowEndsAt</c> for
    /// <see cref="MongoOAuth2Store.PruneExpiredAsync"/>.
    /// </summary>
    /// <summary>The TTL index of the pushed authorization requests (RFC 9126): a document goes when its request expires.</summary>
    public static IReadOnlyList<CreateIndexModel<T>> ForPushedAuthorizations<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ExpireAt, 1)),
            new CreateIndexOptions { Name = "pushed_authorizations_expireAt_ttl", ExpireAfter = TimeSpan.Zero }),
    ];

    public static IReadOnlyList<CreateIndexModel<T>> ForFailedAttempts<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ExpireAt, 1)),
            new CreateIndexOptions { Name = FailedAttemptExpiryIndexName, ExpireAfter = TimeSpan.Zero }),
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.WindowEndsAt, 1)),
            new CreateIndexOptions { Name = WindowEndIndexName }),
    ];

    /// <summary>
    /// The replay cache's indexes: a TTL index on <c>expireAt</c> (by the server's own clock, so the TTL monitor
    /// forgets expired entries whatever clock the core passes) and one on <c>expiresAt</c> for the prune.
    /// </summary>
    public static IReadOnlyList<CreateIndexModel<T>> ForReplayCache<T>() =>
    [
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ExpireAt, 1)),
            new CreateIndexOptions { Name = "replay_expire_at_ttl", ExpireAfter = TimeSpan.Zero }),
        new CreateIndexModel<T>(
            new BsonDocumentIndexKeysDefinition<T>(new BsonDocument(ElementNames.ExpiresAt, 1)),
            new CreateIndexOptions { Name = "replay_expires_at" }),
    ];
}
