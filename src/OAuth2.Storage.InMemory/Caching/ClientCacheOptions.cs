namespace OAuth2.Storage.Caching;

/// <summary>How long <see cref="CachingClientStore"/> keeps a client, and how many at most.</summary>
public sealed record ClientCacheOptions
{
    /// <summary>The default bound: far more clients than a server usually has, yet a few MB at most.</summary>
    public const int DefaultMaxEntries = 10_000;

    /// <summary>
    /// How long a client read from the store is served from memory. Also how long a client removed, or whose secret
    /// was rotated, through another instance (or directly in the backend) keeps working here.
    /// </summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>
    /// The most clients held at once. When full of unexpired entries, further clients are read from the store on
    /// every request until entries expire, so memory stays bounded whatever ids are presented.
    /// </summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;
}
