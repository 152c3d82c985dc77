using System.Collections.Concurrent;
using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory.Tests.Naive;

/// <summary>
/// A custom store written the way a user in a hurry would write one, to prove the conformance suite catches its
/// defects. It looks fine and passes every single-caller round trip, but:
/// <list type="bullet">
/// <item>redemption is get-then-set (read the item, check <c>RedeemedAt</c>, write it back), and the write is
/// asynchronous, as it would be against a real backend: concurrent callers all see it unredeemed and all win;</item>
/// <item>it keeps the records it is given by reference, so a caller changing a list after saving changes what is
/// stored;</item>
/// <item>it never removes expired items (finds filter them, memory grows forever);</item>
/// <item>a device authorization update reads the revision, then writes: concurrent updaters all win.</item>
/// </list>
/// </summary>
internal sealed class NaiveStore(TimeProvider timeProvider) : IOAuth2Store
{
    private readonly ConcurrentDictionary<string, OAuth2Client> _clients = new();
    private readonly ConcurrentDictionary<TokenDigest, AccessToken> _accessTokens = new();
    private readonly ConcurrentDictionary<TokenDigest, RefreshToken> _refreshTokens = new();
    private readonly ConcurrentDictionary<TokenDigest, AuthorizationCode> _codes = new();
    private readonly ConcurrentDictionary<TokenDigest, DeviceAuthorization> _devices = new();
    private readonly ConcurrentDictionary<TokenDigest, TokenDigest> _userCodes = new();

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    public ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_clients.GetValueOrDefault(clientId));
    }

    public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _clients[client.Id] = client;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_clients.TryRemove(clientId, out _));
    }

    public ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _accessTokens[accessTokenDigest] = accessToken;
        if (refreshTokenDigest is not null && refreshToken is not null)
        {
            _refreshTokens[refreshTokenDigest] = refreshToken;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_accessTokens.TryGetValue(digest, out var token) && token.ExpiresAt > Now ? token : null);
    }

    public ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_refreshTokens.TryGetValue(digest, out var token) && (token.ExpiresAt is null || token.ExpiresAt > Now) ? token : null);
    }

    public async ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
    {
        var token = await FindRefreshTokenAsync(digest, cancellationToken);
        if (token is null)
        {
            return RedemptionResult.NotFound;
        }

        if (token.RedeemedAt is not null)
        {
            return new RedemptionResult(RedemptionStatus.AlreadyRedeemed, token.GrantId, token.RedeemedAt);
        }

        await Task.Delay(1, cancellationToken); // the write is a round trip to the backend
        _refreshTokens[digest] = token with { RedeemedAt = redeemedAt };
        return new RedemptionResult(RedemptionStatus.Redeemed, token.GrantId, redeemedAt);
    }

    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_accessTokens.TryRemove(digest, out _));
    }

    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_refreshTokens.TryRemove(digest, out _));
    }

    public ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = 0;
        foreach (var (digest, token) in _accessTokens)
        {
            if (token.ClientId == clientId && _accessTokens.TryRemove(digest, out _))
            {
                removed++;
            }
        }

        foreach (var (digest, token) in _refreshTokens)
        {
            if (token.ClientId == clientId && _refreshTokens.TryRemove(digest, out _))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    public ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = 0;
        foreach (var (digest, token) in _accessTokens)
        {
            if (token.GrantId == grantId && _accessTokens.TryRemove(digest, out _))
            {
                removed++;
            }
        }

        foreach (var (digest, token) in _refreshTokens)
        {
            if (token.GrantId == grantId && _refreshTokens.TryRemove(digest, out _))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    public ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _codes[digest] = code;
        return ValueTask.CompletedTask;
    }

    public ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_codes.TryGetValue(digest, out var code) && code.ExpiresAt > Now ? code : null);
    }

    public async ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
    {
        var code = await FindAuthorizationCodeAsync(digest, cancellationToken);
        if (code is null)
        {
            return RedemptionResult.NotFound;
        }

        if (code.RedeemedAt is not null)
        {
            return new RedemptionResult(RedemptionStatus.AlreadyRedeemed, code.GrantId, code.RedeemedAt);
        }

        await Task.Delay(1, cancellationToken); // the write is a round trip to the backend
        _codes[digest] = code with { RedeemedAt = redeemedAt };
        return new RedemptionResult(RedemptionStatus.Redeemed, code.GrantId, redeemedAt);
    }

    public ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = 0;
        foreach (var (digest, code) in _codes)
        {
            if (code.GrantId == grantId && _codes.TryRemove(digest, out _))
            {
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    public ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_userCodes.TryGetValue(userCodeDigest, out var holder) && _devices.TryGetValue(holder, out var held) && held.RetainUntil > Now)
        {
            return ValueTask.FromResult(false);
        }

        _userCodes[userCodeDigest] = deviceCodeDigest;
        _devices[deviceCodeDigest] = authorization;
        return ValueTask.FromResult(true);
    }

    public ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_devices.TryGetValue(deviceCodeDigest, out var found) && found.RetainUntil > Now ? found : null);
    }

    public async ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _userCodes.TryGetValue(userCodeDigest, out var device) && await FindDeviceAuthorizationAsync(device, cancellationToken) is not null ? device : null;
    }

    public async ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        var current = await FindDeviceAuthorizationAsync(deviceCodeDigest, cancellationToken);
        if (current is null || current.Revision != expectedRevision)
        {
            return false;
        }

        await Task.Delay(1, cancellationToken); // the write is a round trip to the backend
        _devices[deviceCodeDigest] = authorization;
        return true;
    }
}
