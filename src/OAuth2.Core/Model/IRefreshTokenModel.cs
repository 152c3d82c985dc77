using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>Node's <c>getRefreshToken</c> and <c>revokeToken</c>: required by the <c>refresh_token</c> grant.</summary>
public interface IRefreshTokenModel
{
    /// <summary>Returns the refresh token's data, including a rotated one (so reuse can be recognised), or <c>null</c>.</summary>
    ValueTask<RefreshToken?> GetRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Atomically redeems (rotates out) the refresh token: exactly one concurrent caller wins.</summary>
    ValueTask<RedemptionResult> RevokeRefreshTokenAsync(string refreshToken, DateTimeOffset redeemedAt, CancellationToken cancellationToken);
}
