using System.Globalization;
using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;

namespace OAuth2.Storage.Redis;

/// <summary>
/// The replay cache: one string per entry holding its expiry, so every instance that shares the Redis refuses a
/// replayed <c>jti</c>. The add is one script on one key (atomic on a cluster too); the key's TTL is the time left,
/// so Redis forgets expired entries by itself.
/// </summary>
public sealed partial class RedisOAuth2Store : IReplayCache
{
    /// <inheritdoc />
    /// <remarks>Expiry is decided by <paramref name="now"/>, never by the Redis clock; the TTL only cleans up.</remarks>
    public async ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ReplayCacheArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        var nowMs = RecordMapper.ToUnixMs(now);
        var endMs = RecordMapper.ToUnixMs(expiresAt);
        try
        {
            var result = await _db.ScriptEvaluateAsync(
                RedisScripts.AddReplay,
                [_keys.Replay(key)],
                [nowMs, endMs.ToString(CultureInfo.InvariantCulture), Math.Max(1, endMs - nowMs)]).ConfigureAwait(false);
            return (long)result == 1;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("record a one-time value", e);
        }
    }
}
