using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Http;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The JWKS (<c>jwks_uri</c>) resource servers fetch to validate JWT access tokens; 404 while tokens are opaque.
/// Cacheable: keys change rarely, and a resource server re-fetches when it meets an unknown <c>kid</c>.
/// </summary>
internal static class JwksEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var keys = context.RequestServices.GetRequiredService<OAuth2Server>().GetJsonWebKeySet();
        if (keys is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var response = new OAuth2Response { Body = keys };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "public, max-age=3600";
        return response.WriteToAsync(context, context.RequestAborted);
    }
}
