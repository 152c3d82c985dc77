using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>
/// A store that forwards every call to another, for decorators (metrics, logging, caching, fault injection) that
/// override only what they change, as <c>DelegatingHandler</c> does for HTTP.
/// </summary>
public abstract class DelegatingOAuth2Store : IOAuth2Store
{
    protected DelegatingOAuth2Store(IOAuth2Store inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The store calls are forwarded to.</summary>
    protected IOAuth2Store Inner { get; }

    /// <summary>
    /// The first store along a chain of decorators (this one included) that implements <typeparamref name="T"/>, e.g. the
    /// backend's health probe behind a cache; <c>null</c> when none does.
    /// </summary>
    public static T? FindCapability<T>(IOAuth2Store store)
        where T : class
    {
        for (var current = store; current is not null; current = (current as DelegatingOAuth2Store)?.Inner)
        {
            if (current is T capability)
            {
                return capability;
            }
        }

        return null;
    }

    public virtual ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken) => Inner.FindClientAsync(clientId, cancellationToken);

    public virtual ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken) => Inner.SaveClientAsync(client, cancellationToken);

    public virtual ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken) => Inner.RemoveClientAsync(clientId, cancellationToken);

    public virtual ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
        => Inner.SaveTokensAsync(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken, cancellationToken);

    public virtual ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => Inner.FindAccessTokenAsync(digest, cancellationToken);

    public virtual ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => Inner.FindRefreshTokenAsync(digest, cancellationToken);

    public virtual ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => Inner.RedeemRefreshTokenAsync(digest, redeemedAt, cancellationToken);

    public virtual ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => Inner.RemoveAccessTokenAsync(digest, cancellationToken);

    public virtual ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => Inner.RemoveRefreshTokenAsync(digest, cancellationToken);

    public virtual ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken) => Inner.RevokeTokensOfGrantAsync(grantId, cancellationToken);

    public virtual ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken) => Inner.RevokeTokensOfClientAsync(clientId, cancellationToken);

    public virtual ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
        => Inner.SaveAuthorizationCodeAsync(digest, code, cancellationToken);

    public virtual ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken) => Inner.FindAuthorizationCodeAsync(digest, cancellationToken);

    public virtual ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => Inner.RedeemAuthorizationCodeAsync(digest, redeemedAt, cancellationToken);

    public virtual ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken) => Inner.RevokeCodesOfGrantAsync(grantId, cancellationToken);

    public virtual ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
        => Inner.SaveDeviceAuthorizationAsync(deviceCodeDigest, userCodeDigest, authorization, cancellationToken);

    public virtual ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
        => Inner.FindDeviceAuthorizationAsync(deviceCodeDigest, cancellationToken);

    public virtual ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
        => Inner.FindDeviceCodeByUserCodeAsync(userCodeDigest, cancellationToken);

    public virtual ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
        => Inner.UpdateDeviceAuthorizationAsync(deviceCodeDigest, expectedRevision, authorization, cancellationToken);
}
