using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>
/// Node's <c>saveAuthorizationCode</c>, <c>getAuthorizationCode</c> and <c>revokeAuthorizationCode</c>: required by
/// the authorize endpoint and the <c>authorization_code</c> grant.
/// </summary>
public interface IAuthorizationCodeModel
{
    ValueTask SaveAuthorizationCodeAsync(string code, AuthorizationCode data, CancellationToken cancellationToken);

    /// <summary>Returns the code's data, including a redeemed code (so a replay can be recognised), or <c>null</c>.</summary>
    ValueTask<AuthorizationCode?> GetAuthorizationCodeAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically redeems the code: exactly one concurrent caller wins. Node's <c>revokeAuthorizationCode</c>, made a
    /// compare-and-swap so that two simultaneous exchanges can never both succeed.
    /// </summary>
    ValueTask<RedemptionResult> RevokeAuthorizationCodeAsync(string code, DateTimeOffset redeemedAt, CancellationToken cancellationToken);
}
