using Dapper;
using OAuth2.Storage.Health;

namespace OAuth2.Storage.Relational;

/// <summary>The health probe: one <c>SELECT 1</c> through the store's own connection path (pool, timeout, retries).</summary>
public sealed partial class RelationalOAuth2Store : IStoreHealthProbe
{
    /// <inheritdoc/>
    public string BackendName => _dialect.SystemName;

    /// <inheritdoc/>
    public async ValueTask<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        await _runner.ReadAsync(
                (connection, ct) => connection.ExecuteScalarAsync<int>(_runner.Script("SELECT 1", ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return StoreHealth.Healthy($"{_dialect.Name} answers");
    }
}
