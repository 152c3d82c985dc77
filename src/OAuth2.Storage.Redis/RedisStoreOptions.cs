namespace OAuth2.Storage.Redis;

/// <summary>
/// Where the Redis store keeps its keys. Several servers (or tenants) can share one Redis by giving each its own
/// <see cref="KeyPrefix"/>.
/// </summary>
/// <remarks>
/// A prefix that carries a Redis Cluster hash tag (for example <c>"{oauth2}:"</c>) puts every key of the store into
/// one hash slot: every operation is then a single atomic script even on a cluster, at the price of keeping all OAuth2
/// data on one primary. See the package README.
/// </remarks>
public sealed record RedisStoreOptions
{
    /// <summary>Prepended to every key the store writes. Defaults to <c>"oauth2:"</c>.</summary>
    public string KeyPrefix { get; set; } = "oauth2:";

    /// <summary>The logical database (<c>-1</c>: the connection's default). A Redis Cluster only has database 0.</summary>
    public int Database { get; set; } = -1;
}
