using System.Data.Common;
using Npgsql;
using OAuth2.Storage.PostgreSql;

namespace OAuth2.Storage.Relational.Tests.Fixtures;

/// <summary>A real PostgreSQL 15 cluster of its own; every store gets a fresh schema.</summary>
public sealed class PostgreSqlStoreFixture : RelationalStoreFixture, IAsyncLifetime
{
    private PostgreSqlCluster? _cluster;
    private int _stores;

    public string ConnectionString => (_cluster ?? throw new InvalidOperationException("The cluster is not started.")).ConnectionString;

    public async ValueTask InitializeAsync() => _cluster = await PostgreSqlCluster.StartAsync(TestContext.Current.CancellationToken);

    protected override ValueTask<(RelationalOAuth2Store Store, string ConnectionString)> CreateCoreAsync(TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var schema = $"s{Interlocked.Increment(ref _stores)}_{Guid.NewGuid():N}"[..30];
        var store = PostgreSqlStorage.CreateStore(ConnectionString, new PostgreSqlStorageOptions { Schema = schema }, timeProvider);
        return ValueTask.FromResult((store, ConnectionString));
    }

    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    protected override async ValueTask DisposeCoreAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
