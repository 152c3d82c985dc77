using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>Runs the conformance suite against <see cref="InMemoryStore"/> with its default settings.</summary>
public sealed class InMemoryStoreFixture : StoreFixture, IPushedAuthorizationStoreFixture
{
    public ValueTask<IPushedAuthorizationStore> CreatePushedAuthorizationStoreAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IPushedAuthorizationStore>(new InMemoryStore());

    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IOAuth2Store>(new InMemoryStore(timeProvider));

    /// <summary>Everything reachable from the store object: the in-memory equivalent of a database dump.</summary>
    public override ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(ObjectGraphDump.Of(store));
}
