namespace OAuth2.Model;

/// <summary>
/// Revokes a single access token: required by the revocation endpoint (RFC 7009). Revoking a refresh token revokes
/// its whole family through <see cref="ITokenModel.RevokeGrantAsync"/>.
/// </summary>
public interface ITokenRevocationModel
{
    /// <summary>Revokes one access token; <c>true</c> when it existed.</summary>
    ValueTask<bool> RevokeAccessTokenAsync(string accessToken, CancellationToken cancellationToken);
}
