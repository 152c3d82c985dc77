using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>
/// Node's <c>verifyScope</c>: whether a token covers the scope a resource requires. Optional; the default demands
/// every required scope be among the token's.
/// </summary>
public interface IScopeVerifier
{
    ValueTask<bool> VerifyScopeAsync(AccessToken token, IReadOnlyList<string> requiredScope, CancellationToken cancellationToken);
}
