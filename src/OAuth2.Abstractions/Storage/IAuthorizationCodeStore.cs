using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>Persists authorization codes under their <see cref="TokenDigest"/>.</summary>
public interface IAuthorizationCodeStore
{
    ValueTask SaveAuthorizationCodeAsync(TokenDigest digest, AuthorizationCode code, CancellationToken cancellationToken);

    /// <summary>Finds a code, including one already redeemed (then <see cref="AuthorizationCode.RedeemedAt"/> is set).</summary>
    ValueTask<AuthorizationCode?> FindAuthorizationCodeAsync(TokenDigest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically marks the code redeemed if it is not already: exactly one of any number of concurrent callers
    /// gets <see cref="RedemptionStatus.Redeemed"/>. The code is kept (marked) until it expires.
    /// </summary>
    ValueTask<RedemptionResult> RedeemAuthorizationCodeAsync(TokenDigest digest, DateTimeOffset redeemedAt, CancellationToken cancellationToken);

    /// <summary>Removes every code of one grant; returns how many were removed.</summary>
    ValueTask<int> RevokeCodesOfGrantAsync(string grantId, CancellationToken cancellationToken);
}
