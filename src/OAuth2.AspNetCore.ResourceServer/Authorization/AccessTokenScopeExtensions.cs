using Microsoft.AspNetCore.Http;
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

    /// <summary>
    /// The scopes that this request's failed <see cref="RequireAccessTokenScope"/> checks required, space-delimited,
    /// for the <c>scope</c> attribute of a 403 <c>insufficient_scope</c> challenge (RFC 6750 section 3.1), as a
    /// scheme's forbid handler writes it (JwtBearer's <c>OnForbidden</c>, for one); <c>null</c> when none failed.
    /// </summary>
    public static string? GetRequiredAccessTokenScope(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AccessTokenScopeRequirement.FailedScope(context);
    }
}
