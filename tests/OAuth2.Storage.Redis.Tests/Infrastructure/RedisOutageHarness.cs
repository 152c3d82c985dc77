using OAuth2.Storage.Redis.Testing;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests.Infrastructure;

/// <summary>
/// A persistent (append-only, fsync always) Redis that a test can kill and restart on the same port and data
/// directory, with a connection tuned to notice quickly: short timeouts, <c>abortConnect=false</c>. Reusable by
/// higher-level tests (e.g. the server answering 503 while the store is down).
/// </summary>
public sealed class RedisOutageHarness : IAsyncDisposable
{
    private RedisServerProcess? _server;
    private ConnectionMultiplexer? _redis;

    public IConnectionMultiplexer Redis => _redis ?? throw new InvalidOperationException("Call StartAsync first.");

    public static async Task<RedisOutageHarness> StartAsync(CancellationToken cancellationToken)
    {
        var harness = new RedisOutageHarness();
        harness._server = await RedisServerProcess.StartAsync(persistent: true, cancellationToken: cancellationToken);
        var options = new ConfigurationOptions
        {
            EndPoints = { harness._server.EndPoint },
            AbortOnConnectFail = false,
            ConnectTimeout = 1000,
            SyncTimeout = 1000,
            AsyncTimeout = 1000,
            ConnectRetry = 1,
            ReconnectRetryPolicy = new LinearRetry(250),
        };
        harness._redis = await ConnectionMultiplexer.ConnectAsync(options);
        return harness;
    }

    public RedisOAuth2Store CreateStore() => new(Redis, new RedisStoreOptions { KeyPrefix = $"outage{Guid.NewGuid():N}:" });

    /// <summary>Kills the server process, like a crash.</summary>
    public void Kill() => _server!.Kill();

    /// <summary>Starts the server again on the same port and data directory (its append-only file is replayed).</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => _server!.StartAsync(cancellationToken);

    /// <summary>Retries <paramref name="probe"/> until it stops throwing <see cref="StorageUnavailableException"/> (the driver reconnecting).</summary>
    public static async Task WaitUntilAvailableAsync(Func<Task> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (StorageUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
