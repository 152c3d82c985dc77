using OAuth2.Storage.Caching;
using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>
/// The client cache must keep every promise of the store it wraps: the whole suite through a
/// <see cref="CachingClientStore"/> proves that caching clients changes no observable behaviour of a single instance
/// (saves, removals and case-sensitive ids through it are seen at once) and that every other call is forwarded.
/// </summary>
public sealed class CachingStoreFixture : StoreFixture
{
    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IOAuth2Store>(new CachingClientStore(new InMemoryStore(timeProvider), new ClientCacheOptions { Duration = TimeSpan.FromMinutes(5), MaxEntries = 64 }));

    public override ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(ObjectGraphDump.Of(store));
}

public sealed class CachingStoreConformanceTests(CachingStoreFixture fixture) : StoreConformanceTests<CachingStoreFixture>(fixture);
