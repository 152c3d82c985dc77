namespace OAuth2.Storage.InMemory.Tests.Naive;

/// <summary>Runs the whole conformance suite against the naive store once, for the tests that read the outcomes.</summary>
public sealed class NaiveStoreRunFixture : IAsyncLifetime
{
    internal IReadOnlyDictionary<string, CaseOutcome> Outcomes { get; private set; } = new Dictionary<string, CaseOutcome>();

    public async ValueTask InitializeAsync()
    {
        await using var fixture = new NaiveStoreFixture();
        Outcomes = await ConformanceRun.RunAsync(() => new NaiveStoreConformance(fixture));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
