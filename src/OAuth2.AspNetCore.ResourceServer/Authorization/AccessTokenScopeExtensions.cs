using OAuth2.AspNetCore.ResourceServer.Authorization;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>
/// Scope checks for an API whatever scheme authenticates its tokens (introspection, JwtBearer, AddOAuth2Bearer):
/// <c>p.RequireAccessTokenScope("read")</c>. Authenticated without the scope is a 403, not a 401.
/// </summary>
public static class AccessTokenScopeExtensions
{
    /// <summary>Requires an authenticated user whose access token carries every given scope.</summary>
    public static AuthorizationPolicyBuilder RequireAccessTokenScope(this AuthorizationPolicyBuilder policy, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.RequireAuthenticatedUser().AddRequirements(new AccessTokenScopeRequirement(scopes));
    }
}
