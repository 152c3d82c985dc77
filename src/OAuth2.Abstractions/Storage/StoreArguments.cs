using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>Argument checks every store makes the same way, for the built-in stores and for yours.</summary>
public static class StoreArguments
{
    /// <summary>Rejects a token pair whose refresh token and refresh digest are not given together.</summary>
    public static void ThrowIfInvalidTokenPair(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken)
    {
        ArgumentNullException.ThrowIfNull(accessTokenDigest);
        ArgumentNullException.ThrowIfNull(accessToken);
        if ((refreshTokenDigest is null) != (refreshToken is null))
        {
            throw new ArgumentException("A refresh token and its digest are given together or not at all.", nameof(refreshToken));
        }
    }
}
