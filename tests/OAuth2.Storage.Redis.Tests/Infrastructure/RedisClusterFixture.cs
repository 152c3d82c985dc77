using OAuth2.Storage.Redis.Testing;

namespace OAuth2.Storage.Redis.Tests.Infrastructure;

/// <summary>A real three-primary Redis Cluster, started for the test class.</summary>
public sealed class RedisClusterFixture : RedisFixture
{
    private RedisClusterProcess? _cluster;

    public override bool IsCluster => true;

    public override string Configuration => $"{Cluster.EndPoints},allowAdmin=true";

    internal RedisClusterProcess Cluster => _cluster ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected override async Task StartServersAsync() => _cluster = await RedisClusterProcess.StartAsync().ConfigureAwait(false);

    protected override async ValueTask StopServersAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}
