using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>
/// Persists access and refresh tokens under their <see cref="TokenDigest"/>. A store only reads and writes:
/// expiry, scope and replay rules live in the core.
/// </summary>
/// <remarks>
/// Finds never return an item whose expiry has passed. A store that cannot reach its backend throws
/// <see cref="StorageUnavailableException"/>, and never leaves a half-written token pair behind.
/// </remarks>
public interface ITokenStore
{
    /// <summary>Saves an access token and, optionally, its refresh token as one unit (one round trip where the backend allows).</summary>
    ValueTask SaveTokensAsync(
        TokenDigest accessTokenDigest,
        AccessToken accessToken,
        TokenDigest? refreshTokenDigest,
        RefreshToken? refreshToken,
        CancellationToken cancellationToken);

    ValueTask<AccessToken?> FindAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken);

    /// <summary>Finds a refresh token, including one already rotated (then <see cref="RefreshToken.RedeemedAt"/> is set).</summary>
    ValueTask<RefreshToken?> FindRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically marks the refresh token redeemed if it is not already: exactly one of any number of concurrent
    /// callers gets <see cref="RedemptionStatus.Redeemed"/>. The token is kept (marked) until it expires.
    /// </summary>
    ValueTask<RedemptionResult> RedeemRefreshTokenAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken);

    /// <summary>Removes one access token; <c>true</c> when it existed.</summary>
    ValueTask<bool> RemoveAccessTokenAsync(TokenDigest digest, CancellationToken cancellationToken);

    /// <summary>Removes one refresh token; <c>true</c> when it existed.</summary>
    ValueTask<bool> RemoveRefreshTokenAsync(TokenDigest digest, CancellationToken cancellationToken);

    /// <summary>Removes every access and refresh token of one grant (a token family); returns how many were removed.</summary>
    ValueTask<int> RevokeTokensOfGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every access and refresh token (rotated ones included) whose <c>ClientId</c> is exactly
    /// <paramref name="clientId"/>, of every grant, and nothing of any other client; returns how many were removed.
    /// </summary>
    /// <remarks>
    /// RFC 7592 section 2.3: a deleted client's tokens stop working at once, including JWT access tokens checked
    /// against the store. Matching is per token, not per family: a token another client obtained by exchanging one of
    /// this client's tokens is that other client's. Idempotent; an unknown client removes nothing. Authorization codes
    /// and device authorizations need not be removed: redeeming them authenticates the client, which is gone.
    /// </remarks>
    ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken);
}
