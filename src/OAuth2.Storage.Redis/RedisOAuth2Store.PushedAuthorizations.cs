using System.Globalization;
using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// Pushed authorization requests (RFC 9126): one hash per <c>request_uri</c> digest, <c>v</c> the serialized request
/// and, once consumed, <c>c</c> the consumption time (Unix ms). The key expires with the request; consuming is one
/// script on one key, so exactly one caller wins on a cluster too.
/// </summary>
public sealed partial class RedisOAuth2Store : IPushedAuthorizationStore
{
    private static readonly RedisValue[] PushedFields = ["v", "c"];

    /// <inheritdoc />
    public async ValueTask SavePushedAuthorizationAsync(TokenDigest digest, PushedAuthorization request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var ttl = RecordMapper.ToUnixMs(request.ExpiresAt) - NowMs;
        if (ttl <= 0)
        {
            return;
        }

        var key = _keys.PushedAuthorization(digest);
        var transaction = _db.CreateTransaction();
        _ = transaction.HashSetAsync(key, [new HashEntry("v", RecordMapper.Serialize(request))]);
        _ = transaction.KeyExpireAsync(key, TimeSpan.FromMilliseconds(ttl));
        try
        {
            await transaction.ExecuteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("save a pushed authorization request", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await ReadFieldsAsync("find a pushed authorization request", _keys.PushedAuthorization(digest), PushedFields).ConfigureAwait(false);

        if (fields[0].IsNullOrEmpty)
        {
            return null;
        }

        DateTimeOffset? consumedAt = fields[1].IsNullOrEmpty ? null : RecordMapper.FromUnixMs((long)fields[1]);
        return RecordMapper.DeserializePushedAuthorization(((ReadOnlyMemory<byte>)fields[0]).Span, consumedAt);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await _db.ScriptEvaluateAsync(
                RedisScripts.ConsumePushed,
                [_keys.PushedAuthorization(digest)],
                [RecordMapper.ToUnixMs(consumedAt).ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
            return (long)result == 1;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("consume a pushed authorization request", e);
        }
    }
}
