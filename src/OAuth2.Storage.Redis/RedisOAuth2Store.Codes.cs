using System.Globalization;
using OAuth2.Storage.Redis.Keys;
using OAuth2.Storage.Redis.Serialization;
using OAuth2.Tokens;

namespace OAuth2.Storage.Redis;

public sealed partial class RedisOAuth2Store
{
    /// <inheritdoc />
    public async ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(code);
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs;
        var expires = RecordMapper.ToUnixMs(code.ExpiresAt);
        if (expires <= now)
        {
            return;
        }

        PendingItem[] items =
        [
            new(_keys.AuthorizationCode(digest), true, RecordMapper.Serialize(code), expires - now, expires.ToString(CultureInfo.InvariantCulture)),
        ];
        await SaveItemsAsync("save an authorization code", _keys.GrantCodes(code.GrantId), code.GrantId, items, 1).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await FindItemAsync("find an authorization code", _keys.AuthorizationCode(digest)).ConfigureAwait(false);
        return fields is null
            ? null
            : RecordMapper.DeserializeAuthorizationCode(
                ((ReadOnlyMemory<byte>)fields[0]).Span, fields[1]!, ReadTime(fields[2]) ?? DateTimeOffset.MaxValue, ReadTime(fields[3]));
    }

    /// <inheritdoc />
    public async ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        return await RedeemItemAsync("redeem an authorization code", _keys.AuthorizationCode(digest), redeemedAt).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        cancellationToken.ThrowIfCancellationRequested();
        return await RevokeFamilyAsync("revoke the codes of a grant", _keys.GrantCodes(grantId)).ConfigureAwait(false);
    }
}
