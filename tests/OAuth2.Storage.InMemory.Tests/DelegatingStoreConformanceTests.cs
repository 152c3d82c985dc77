using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>
/// A <see cref="DelegatingOAuth2Store"/> that overrides nothing must behave exactly like the store it wraps: the
/// whole suite through one proves every call is forwarded, arguments and results intact.
/// </summary>
public sealed class PassThroughStoreFixture : StoreFixture
{
    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IOAuth2Store>(new PassThroughStore(new InMemoryStore(timeProvider)));

    public override ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(ObjectGraphDump.Of(store));

    private sealed class PassThroughStore(InMemoryStore inner) : DelegatingOAuth2Store(inner), IExpiredDataPruner
    {
        public ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken) => inner.PruneExpiredAsync(batchSize, cancellationToken);
    }
}

public sealed class DelegatingStoreConformanceTests(PassThroughStoreFixture fixture) : StoreConformanceTests<PassThroughStoreFixture>(fixture);
