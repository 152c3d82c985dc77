using OAuth2.Storage.Redis.Testing;

namespace OAuth2.Storage.Redis.Tests.Infrastructure;

/// <summary>One standalone <c>redis-server</c>, started for the test class.</summary>
public sealed class RedisSingleNodeFixture : RedisFixture
{
    private RedisServerProcess? _server;

    public override bool IsCluster => false;

    public override string Configuration => $"{Server.EndPoint},allowAdmin=true";

    internal RedisServerProcess Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected override async Task StartServersAsync() => _server = await RedisServerProcess.StartAsync().ConfigureAwait(false);

    protected override async ValueTask StopServersAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
