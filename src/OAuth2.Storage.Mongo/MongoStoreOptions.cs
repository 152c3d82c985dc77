namespace OAuth2.Storage.Mongo;

/// <summary>
/// Where <see cref="MongoOAuth2Store"/> keeps its data: the collection names (a common prefix, so several
/// authorization servers or test runs can share a database) and how long a majority write may wait.
/// </summary>
/// <remarks>The store copies these values when it is built; changing the options afterwards has no effect.</remarks>
public sealed record MongoStoreOptions
{
    /// <summary>The default <see cref="CollectionPrefix"/>.</summary>
    public const string DefaultCollectionPrefix = "oauth2_";

    /// <summary>Prepended to every collection name; <c>"oauth2_"</c> by default.</summary>
    public string CollectionPrefix { get; set; } = DefaultCollectionPrefix;

    /// <summary>
    /// How long a write waits for a majority of a replica set to acknowledge it before the store reports the
    /// backend unavailable (the <c>wtimeout</c> of the majority write concern). Without it a write blocks for as
    /// long as a majority is down. <c>null</c> waits indefinitely.
    /// </summary>
    public TimeSpan? WriteConcernTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The time allowed for the compensating delete that undoes the first half of a token pair whose second
    /// half could not be written.
    /// </summary>
    public TimeSpan CompensationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clients collection: <see cref="CollectionPrefix"/> + <c>clients</c>.</summary>
    public string ClientsCollectionName => CollectionPrefix + "clients";

    /// <summary>The access tokens collection: <see cref="CollectionPrefix"/> + <c>access_tokens</c>.</summary>
    public string AccessTokensCollectionName => CollectionPrefix + "access_tokens";

    /// <summary>The refresh tokens collection: <see cref="CollectionPrefix"/> + <c>refresh_tokens</c>.</summary>
    public string RefreshTokensCollectionName => CollectionPrefix + "refresh_tokens";

    /// <summary>The authorization codes collection: <see cref="CollectionPrefix"/> + <c>authorization_codes</c>.</summary>
    public string AuthorizationCodesCollectionName => CollectionPrefix + "authorization_codes";

    /// <summary>The device authorizations collection (RFC 8628): <see cref="CollectionPrefix"/> + <c>device_authorizations</c>.</summary>
    public string DeviceAuthorizationsCollectionName => CollectionPrefix + "device_authorizations";

    /// <summary>The failed-authentication counters behind the throttle: <see cref="CollectionPrefix"/> + <c>failed_attempts</c>.</summary>
    public string FailedAttemptsCollectionName => CollectionPrefix + "failed_attempts";

    /// <summary>The replay cache's collection: <c>{prefix}replay_cache</c>.</summary>
    public string ReplayCacheCollectionName => CollectionPrefix + "replay_cache";
}
