using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests.Broken;

/// <summary>Hands the suite <see cref="BrokenStore"/>s with one <see cref="Defect"/>, on the case's clock.</summary>
public sealed class BrokenStoreFixture(Defect defect) : StoreFixture
{
    public Defect Defect => defect;

    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IOAuth2Store>(new BrokenStore(timeProvider, defect));

    public override ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(ObjectGraphDump.Of(store));
}

/// <summary>
/// The suite bound to a broken store. Internal, so xunit does not discover it (its failures are the point);
/// <see cref="Naive.ConformanceRun"/> invokes its cases instead.
/// </summary>
internal sealed class BrokenStoreConformance(BrokenStoreFixture fixture) : StoreConformanceTests<BrokenStoreFixture>(fixture);
