using System.Globalization;
using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// Failed-authentication counters: one hash per throttle key (<c>n</c> = count, <c>e</c> = window end, Unix ms), so
/// every instance that shares the Redis shares the count. Counting is one script on one key, so it is atomic on a
/// cluster too; the key expires when its window ends, so Redis forgets ended windows by itself.
/// </summary>
public sealed partial class RedisOAuth2Store : IFailedAttemptStore
{
    private static readonly RedisValue[] FailedAttemptFields = ["n", "e"];

    /// <inheritdoc />
    /// <remarks>
    /// The window is decided by <paramref name="now"/>, never by the Redis clock. The key's TTL is the time left in
    /// the window (not an absolute <c>PEXPIREAT</c>), so a clock that differs between the hosts and Redis, or a test
    /// clock, cannot make Redis drop a window early.
    /// </remarks>
    public async ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        var end = RecordMapper.ToUnixMs(FailedAttemptArguments.WindowEnd(now, window));
        cancellationToken.ThrowIfCancellationRequested();
        var nowMs = RecordMapper.ToUnixMs(now);
        RedisResult result;
        try
        {
            result = await _db.ScriptEvaluateAsync(
                RedisScripts.RecordFailure,
                [_keys.FailedAttempts(key)],
                [nowMs, Math.Max(1, end - nowMs), end.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("record a failed attempt", e);
        }

        var reply = (RedisResult[])result!;
        return new FailedAttempts((long)reply[0], RecordMapper.FromUnixMs((long)reply[1]));
    }

    /// <inheritdoc />
    public async ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await ReadFieldsAsync("read failed attempts", _keys.FailedAttempts(key), FailedAttemptFields).ConfigureAwait(false);

        if (fields[0].IsNullOrEmpty || fields[1].IsNullOrEmpty || (long)fields[1] <= RecordMapper.ToUnixMs(now))
        {
            return FailedAttempts.None;
        }

        return new FailedAttempts((long)fields[0], RecordMapper.FromUnixMs((long)fields[1]));
    }

    /// <inheritdoc />
    public async ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken)
    {
        FailedAttemptArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _db.KeyDeleteAsync(_keys.FailedAttempts(key)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("reset failed attempts", e);
        }
    }
}
