using System.Globalization;
using OAuth2.Storage.Redis.Errors;
using OAuth2.Storage.Redis.Scripts;
using OAuth2.Storage.Redis.Serialization;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis;

/// <summary>
/// Device authorizations (RFC 8628): a hash per device-code digest and a string per user-code digest pointing to it
/// (<c>hex|retention</c>), both expiring at the record's retention and both judged by the store's clock on every read
/// and claim; every change is one compare-and-swap script on the record's key.
/// </summary>
public sealed partial class RedisOAuth2Store
{
    private static readonly RedisValue[] DeviceFields = ["v", "n", "u"];

    /// <summary>Between the device-code digest and the retention (Unix ms) in a user-code key's value.</summary>
    private const string UserCodeSeparator = "|";

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
        var userCodeValue = deviceCodeDigest.ToHex() + UserCodeSeparator + retention;
        try
        {
            if (!KeysSpreadOverSlots)
            {
                var saved = await _db.ScriptEvaluateAsync(
                    RedisScripts.SaveDevice, [userKey, deviceKey], [userCodeValue, ttl, record, revision, retention, now]).ConfigureAwait(false);
                return (int)saved == 1;
            }

            // Two slots: claim the user code first, so a record is only ever written under a code it owns. If the
            // record write then fails, the user-code key points to nothing and expires with the retention.
            if ((int)await _db.ScriptEvaluateAsync(RedisScripts.ClaimUserCode, [userKey], [userCodeValue, ttl, now]).ConfigureAwait(false) != 1)
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
        var fields = await ReadFieldsAsync("find a device authorization", _keys.DeviceCode(deviceCodeDigest), DeviceFields).ConfigureAwait(false);

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

        if (value.IsNull)
        {
            return null;
        }

        // "hex|retention": the retention is judged by the store's clock, not left to the key's TTL.
        var text = (string)value!;
        var bar = text.IndexOf(UserCodeSeparator, StringComparison.Ordinal);
        if (bar >= 0 && long.Parse(text.AsSpan(bar + 1), CultureInfo.InvariantCulture) <= NowMs)
        {
            return null;
        }

        return TokenDigest.FromHex(bar >= 0 ? text[..bar] : text);
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
