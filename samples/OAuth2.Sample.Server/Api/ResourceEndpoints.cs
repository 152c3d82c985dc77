using System.Security.Claims;
using OAuth2.AspNetCore.Authentication;

namespace OAuth2.Sample.Server.Api;

/// <summary>The protected resource: <c>/api/me</c> for any valid token, <c>/api/admin</c> for tokens with scope <c>admin</c>.</summary>
public static class ResourceEndpoints
{
    /// <summary>The policy name for "any valid bearer token".</summary>
    public const string BearerPolicy = "bearer";

    private static readonly HashSet<string> StandardClaims = new(StringComparer.Ordinal)
    {
        OAuth2ClaimTypes.Subject, OAuth2ClaimTypes.ClientId, OAuth2ClaimTypes.Scope, OAuth2ClaimTypes.GrantId,
    };

    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/me", (ClaimsPrincipal user) => Results.Json(Describe(user))).RequireAuthorization(BearerPolicy);
        endpoints.MapGet("/api/admin", (ClaimsPrincipal user) => Results.Json(new { message = "Hello, administrator.", sub = user.FindFirstValue(OAuth2ClaimTypes.Subject) }))
            .RequireAuthorization("admin");
        return endpoints;
    }

    private static object Describe(ClaimsPrincipal user) => new
    {
        sub = user.FindFirstValue(OAuth2ClaimTypes.Subject),
        client_id = user.FindFirstValue(OAuth2ClaimTypes.ClientId),
        scope = string.Join(' ', user.FindAll(OAuth2ClaimTypes.Scope).Select(c => c.Value)),
        properties = user.Claims.Where(c => !StandardClaims.Contains(c.Type)).GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First().Value),
    };
}
