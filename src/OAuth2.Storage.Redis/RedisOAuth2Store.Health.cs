using OAuth2.Storage.Health;
using OAuth2.Storage.Redis.Errors;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// The health probe: <c>PING</c>, then whether each primary keeps what it is given. A Redis with neither AOF nor RDB
/// snapshots loses every client and token when it restarts (every client then gets <c>invalid_client</c>), so it is
/// reported Degraded even while it answers.
/// </summary>
public sealed partial class RedisOAuth2Store : IStoreHealthProbe
{
    /// <inheritdoc/>
    public string BackendName => "redis";

    /// <inheritdoc/>
    public async ValueTask<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var latency = await _db.PingAsync().ConfigureAwait(false);
            var volatileNodes = new List<string>();
            var unknownNodes = 0;
            foreach (var server in _redis.GetServers())
            {
                if (!server.IsConnected || server.IsReplica)
                {
                    continue;
                }

                switch (await KeepsDataAsync(server).ConfigureAwait(false))
                {
                    case false:
                        volatileNodes.Add(server.EndPoint.ToString() ?? "?");
                        break;
                    case null:
                        unknownNodes++;
                        break;
                }
            }

            if (volatileNodes.Count > 0)
            {
                return StoreHealth.Degraded(
                    $"Redis answers but keeps no persistence (AOF off and no RDB snapshot) on {string.Join(", ", volatileNodes)}: a restart loses every client and token");
            }

            return StoreHealth.Healthy(unknownNodes > 0
                ? $"Redis answers in {latency.TotalMilliseconds:0.#} ms; persistence not checked (INFO or CONFIG refused)"
                : $"Redis answers in {latency.TotalMilliseconds:0.#} ms and persists its data");
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("answer a health probe", e);
        }
    }

    /// <summary>
    /// <c>true</c> when AOF is on or an RDB save rule is set; <c>null</c> when the server will not tell (commands renamed
    /// or refused by ACL). Sent as raw commands: the driver's typed INFO and CONFIG calls demand admin mode.
    /// </summary>
    private static async ValueTask<bool?> KeepsDataAsync(IServer server)
    {
        try
        {
            var persistence = await server.ExecuteAsync("INFO", "persistence").ConfigureAwait(false);
            if (((string?)persistence)?.Contains("aof_enabled:1", StringComparison.Ordinal) == true)
            {
                return true;
            }

            var save = await server.ExecuteAsync("CONFIG", "GET", "save").ConfigureAwait(false);
            var pair = (RedisResult[]?)save;
            if (pair is not { Length: 2 })
            {
                return null;
            }

            return !string.IsNullOrWhiteSpace((string?)pair[1]);
        }
        catch (Exception e) when (e is RedisServerException or RedisCommandException)
        {
            return null;
        }
    }
}
