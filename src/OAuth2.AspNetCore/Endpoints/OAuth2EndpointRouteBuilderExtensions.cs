using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OAuth2.AspNetCore.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the endpoints the library can serve on its own. The authorize endpoint is not among them: signing the
/// user in and asking for consent is the application's page, which uses <c>HttpContext.ValidateAuthorizeRequestAsync</c>
/// and <c>HttpContext.AuthorizeAsync</c>.
/// </summary>
public static class OAuth2EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>{prefix}/token</c> for every HTTP method: POST is the token endpoint, any other method gets the
    /// core's <c>invalid_request</c>. Returns the route group so conventions (rate limiting, CORS) can be added.
    /// </summary>
    public static RouteGroupBuilder MapOAuth2Endpoints(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var group = endpoints.MapGroup(prefix);
        group.Map("/token", TokenEndpoint.HandleAsync).WithDisplayName("OAuth2 token endpoint");
        return group;
    }
}
