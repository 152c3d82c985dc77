using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Conformance;

/// <summary>Forwards to the store under test and counts token saves, to tell how many tokens the core minted.</summary>
internal sealed class CountingStore(IOAuth2Store inner) : IOAuth2Store
{
    private int _tokenSaves;

    public int TokenSaves => Volatile.Read(ref _tokenSaves);

    public ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken) => inner.FindClientAsync(clientId, cancellationToken);

    public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken) => inner.SaveClientAsync(client, cancellationToken);

    public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken) => inner.RemoveClientAsync(clientId, cancellationToken);

    public ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokenSaves);
        return inner.SaveTokensAsync(accessTokenDigest, accessToken, refreshTokenDigest, refreshToken, cancellationToken);
    }

    public ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => inner.FindAccessTokenAsync(digest, cancellationToken);

    public ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => inner.FindRefreshTokenAsync(digest, cancellationToken);

    public ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => inner.RedeemRefreshTokenAsync(digest, redeemedAt, cancellationToken);

    public ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => inner.RemoveAccessTokenAsync(digest, cancellationToken);

    public ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken) => inner.RemoveRefreshTokenAsync(digest, cancellationToken);

    public ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken) => inner.RevokeTokensOfGrantAsync(grantId, cancellationToken);

    public ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken)
        => inner.SaveAuthorizationCodeAsync(digest, code, cancellationToken);

    public ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken) => inner.FindAuthorizationCodeAsync(digest, cancellationToken);

    public ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => inner.RedeemAuthorizationCodeAsync(digest, redeemedAt, cancellationToken);

    public ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken) => inner.RevokeCodesOfGrantAsync(grantId, cancellationToken);
}
