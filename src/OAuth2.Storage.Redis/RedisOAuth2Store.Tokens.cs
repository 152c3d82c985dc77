using OAuth2.Storage.Redis.Keys;
using OAuth2.Storage.Redis.Serialization;
using OAuth2.Tokens;

namespace OAuth2.Storage.Redis;

public sealed partial class RedisOAuth2Store
{
    /// <inheritdoc />
    public async ValueTask SaveTokensAsync(
        TokenDigest accessTokenDigest,
        AccessToken accessToken,
        TokenDigest? refreshTokenDigest,
        RefreshToken? refreshToken,
        CancellationToken cancellationToken)
    {
        StoreArguments.ThrowIfInvalidTokenPair(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken);

        if (refreshToken is not null && !string.Equals(refreshToken.GrantId, accessToken.GrantId, StringComparison.Ordinal))
        {
            throw new ArgumentException("An access token and the refresh token saved with it belong to the same grant.", nameof(refreshToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = NowMs;
        var items = new PendingItem[2];
        var count = 0;

        // An item already expired is not written at all, so it can never be found.
        var accessExpires = RecordMapper.ToUnixMs(accessToken.ExpiresAt);
        if (accessExpires > now)
        {
            items[count++] = new PendingItem(
                _keys.AccessToken(accessTokenDigest),
                false,
                RecordMapper.Serialize(accessToken),
                accessExpires - now,
                accessExpires.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (refreshToken is not null)
        {
            long? refreshExpires = refreshToken.ExpiresAt is { } at ? RecordMapper.ToUnixMs(at) : null;
            if (refreshExpires is null || refreshExpires > now)
            {
                items[count++] = new PendingItem(
                    _keys.RefreshToken(refreshTokenDigest!),
                    true,
                    RecordMapper.Serialize(refreshToken),
                    refreshExpires is { } e ? e - now : -1,
                    refreshExpires?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }

        await SaveItemsAsync("save a token pair", _keys.GrantTokens(accessToken.GrantId), accessToken.GrantId, items, count, _keys.ClientTokens(accessToken.ClientId)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        StackExchange.Redis.RedisValue value;
        try
        {
            value = await _db.StringGetAsync(_keys.AccessToken(digest)).ConfigureAwait(false);
        }
        catch (Exception e) when (Errors.RedisFailures.IsUnavailable(e))
        {
            throw Errors.RedisFailures.Wrap("find an access token", e);
        }

        if (value.IsNull)
        {
            return null;
        }

        var token = RecordMapper.DeserializeAccessToken(((ReadOnlyMemory<byte>)value).Span);
        return token.ExpiresAt <= _time.GetUtcNow() ? null : token;
    }

    /// <inheritdoc />
    public async ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await FindItemAsync("find a refresh token", _keys.RefreshToken(digest)).ConfigureAwait(false);
        return fields is null
            ? null
            : RecordMapper.DeserializeRefreshToken(((ReadOnlyMemory<byte>)fields[0]).Span, fields[1]!, ReadTime(fields[2]), ReadTime(fields[3]));
    }

    /// <inheritdoc />
    public async ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        return await RedeemItemAsync("redeem a refresh token", _keys.RefreshToken(digest), redeemedAt).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        return await DeleteAsync("remove an access token", _keys.AccessToken(digest)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        cancellationToken.ThrowIfCancellationRequested();
        return await DeleteAsync("remove a refresh token", _keys.RefreshToken(digest)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grantId);
        cancellationToken.ThrowIfCancellationRequested();
        return await RevokeFamilyAsync("revoke the tokens of a grant", _keys.GrantTokens(grantId)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the client's index (<c>{prefix}ct:{clientId}</c>, written with every token save) in batches and deletes
    /// what it lists: on a single node one script per batch that pops and deletes; on a cluster a read, the deletes
    /// pipelined, then the batch's removal from the index (last, so a failure half-way leaves it for a retry).
    /// </remarks>
    public async ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        cancellationToken.ThrowIfCancellationRequested();
        return await RevokeClientAsync(_keys.ClientTokens(clientId), cancellationToken).ConfigureAwait(false);
    }
}
