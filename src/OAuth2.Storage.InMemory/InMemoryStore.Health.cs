using OAuth2.Storage.Health;

namespace OAuth2.Storage.InMemory;

/// <summary>The process is the backend: healthy while it runs, though nothing survives a restart (say so to operators).</summary>
public sealed partial class InMemoryStore : IStoreHealthProbe
{
    string IStoreHealthProbe.BackendName => "memory";

    ValueTask<StoreHealth> IStoreHealthProbe.CheckHealthAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(StoreHealth.Healthy("In-process store: answers while the process runs; loses everything on restart"));
    }
}
