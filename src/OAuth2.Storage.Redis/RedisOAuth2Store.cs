using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Keys;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// An <see cref="IOAuth2Store"/> on Redis: one key per token, code or device-code digest, each expiring with a native
/// TTL, single use and device updates by atomic Lua scripts, and every operation one round trip on a single node. Works
/// on Redis Cluster too; what stays atomic there is spelled out in the package README.
/// </summary>
/// <remarks>
/// The store borrows the application's <see cref="IConnectionMultiplexer"/> (meant to be one per process) and never
/// disposes it. Only digests and serialized records reach Redis, never a plaintext token or code.
/// </remarks>
public sealed partial class RedisOAuth2Store : IOAuth2Store
{
    private static readonly RedisValue[] ItemFields = ["v", "g", "e", "r"];

    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly RedisKeyLayout _keys;
    private readonly TimeProvider _time;
    private readonly RedisKey _slotProbeA;
    private readonly RedisKey _slotProbeB;

    public RedisOAuth2Store(IConnectionMultiplexer redis, RedisStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        Options = (options ?? new RedisStoreOptions()) with { };
        ArgumentNullException.ThrowIfNull(Options.KeyPrefix);
        _redis = redis;
        _db = redis.GetDatabase(Options.Database);
        _keys = new RedisKeyLayout(Options.KeyPrefix);
        _time = timeProvider ?? TimeProvider.System;

        // Two keys whose hash tags fall into different cluster slots: if the connection reports different slots
        // for them, keys of one operation may live on different nodes and the per-slot (cluster) path is taken.
        _slotProbeA = _keys.AccessToken(TokenDigest.FromBytes(new byte[TokenDigest.Length]));
        var ones = new byte[TokenDigest.Length];
        ones.AsSpan().Fill(0x01);
        _slotProbeB = _keys.AccessToken(TokenDigest.FromBytes(ones));
    }

    /// <summary>A copy of the options the store was created with.</summary>
    public RedisStoreOptions Options { get; }

    /// <summary>
    /// <c>true</c> on a Redis Cluster whose keys are spread over slots (no hash tag in the prefix): multi-key
    /// operations then run as ordered per-slot steps instead of one script.
    /// </summary>
    internal bool KeysSpreadOverSlots => _redis.HashSlot(_slotProbeA) != _redis.HashSlot(_slotProbeB);

    /// <summary>
    /// Loads the store's Lua scripts on every connected primary, so that even the first call on each node is a single
    /// <c>EVALSHA</c> (otherwise the driver sends <c>SCRIPT LOAD</c> along with a script's first use on a node).
    /// Optional: call it at startup if the first requests' latency matters.
    /// </summary>
    public async ValueTask PreloadScriptsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            foreach (var server in _redis.GetServers())
            {
                if (server.IsConnected && !server.IsReplica)
                {
                    foreach (var script in RedisScripts.All)
                    {
                        await server.ScriptLoadAsync(script).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("load its scripts", e);
        }
    }

    private long NowMs => RecordMapper.ToUnixMs(_time.GetUtcNow());

    private static DateTimeOffset? ReadTime(RedisValue value) =>
        value.IsNullOrEmpty ? null : RecordMapper.FromUnixMs((long)value);
}
