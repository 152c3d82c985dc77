using System.Globalization;
using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// Device authorizations (RFC 8628): a hash per device-code digest and a string per user-code digest pointing to it,
/// both expiring at the record's retention; every change is one compare-and-swap script on the record's key.
/// </summary>
public sealed partial class RedisOAuth2Store
{
    private static readonly RedisValue[] DeviceFields = ["v", "n", "u"];

    /// <inheritdoc />
    public async ValueTask<bool> SaveDeviceAuthorizationAsync(
        TokenDigest deviceCodeDigest,
        TokenDigest userCodeDigest,
        DeviceAuthorization authorization,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs;
        var retainUntil = RecordMapper.ToUnixMs(authorization.RetainUntil);
        if (retainUntil <= now)
        {
            // Already past its retention: never findable, so nothing is written (and no user code is claimed).
            return true;
        }

        var ttl = retainUntil - now;
        var userKey = _keys.UserCode(userCodeDigest);
        var deviceKey = _keys.DeviceCode(deviceCodeDigest);
        var record = RecordMapper.Serialize(authorization);
        var revision = authorization.Revision.ToString(CultureInfo.InvariantCulture);
        var retention = retainUntil.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (!KeysSpreadOverSlots)
            {
                var saved = await _db.ScriptEvaluateAsync(
                    RedisScripts.SaveDevice, [userKey, deviceKey], [deviceCodeDigest.ToHex(), ttl, record, revision, retention]).ConfigureAwait(false);
                return (int)saved == 1;
            }

            // Two slots: claim the user code first, so a record is only ever written under a code it owns. If the
            // record write then fails, the user-code key points to nothing and expires with the retention.
            if (!await _db.StringSetAsync(userKey, deviceCodeDigest.ToHex(), TimeSpan.FromMilliseconds(ttl), When.NotExists).ConfigureAwait(false))
            {
                return false;
            }

            await _db.ScriptEvaluateAsync(RedisScripts.WriteDevice, [deviceKey], [record, revision, retention, ttl]).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("save a device authorization", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] fields;
        try
        {
            fields = await _db.HashGetAsync(_keys.DeviceCode(deviceCodeDigest), DeviceFields).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("find a device authorization", e);
        }

        if (fields[0].IsNull || fields[1].IsNull || fields[2].IsNullOrEmpty || (long)fields[2] <= NowMs)
        {
            return null;
        }

        return RecordMapper.DeserializeDeviceAuthorization(((ReadOnlyMemory<byte>)fields[0]).Span, (long)fields[1]);
    }

    /// <inheritdoc />
    public async ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue value;
        try
        {
            value = await _db.StringGetAsync(_keys.UserCode(userCodeDigest)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("find a device code by its user code", e);
        }

        return value.IsNull ? null : TokenDigest.FromHex(value!);
    }

    /// <inheritdoc />
    public async ValueTask<bool> UpdateDeviceAuthorizationAsync(
        TokenDigest deviceCodeDigest,
        long expectedRevision,
        DeviceAuthorization authorization,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        cancellationToken.ThrowIfCancellationRequested();
        RedisResult result;
        try
        {
            result = await _db.ScriptEvaluateAsync(
                RedisScripts.UpdateDevice,
                [_keys.DeviceCode(deviceCodeDigest)],
                [
                    expectedRevision.ToString(CultureInfo.InvariantCulture),
                    RecordMapper.Serialize(authorization),
                    authorization.Revision.ToString(CultureInfo.InvariantCulture),
                    NowMs,
                ]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            throw RedisFailures.Wrap("update a device authorization", e);
        }

        return (int)result == 1;
    }
}
