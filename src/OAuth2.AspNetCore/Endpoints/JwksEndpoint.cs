using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Http;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The JWKS (<c>jwks_uri</c>) resource servers fetch to validate JWT access tokens: the active, next and retired
/// public keys; 404 while tokens are opaque. Cacheable for the key set's <c>JwksMaxAge</c>, which is shorter than the
/// time a next key is published before it signs, so a cache learns every key before its first token arrives.
/// </summary>
internal static class JwksEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        Jwt.JwtSigningKeySet? keys;
        try
        {
            keys = await context.RequestServices.GetRequiredService<OAuth2Server>().GetSigningKeySetAsync(context.RequestAborted);
        }
        catch (Storage.StorageUnavailableException)
        {
            // The key store has never been readable by this instance: nothing to publish yet, and it is not our fault.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.CacheControl = "no-store";
            return;
        }

        if (keys is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var response = new OAuth2Response { Body = keys.ToJsonWebKeySet() };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "public, max-age=" + ((long)keys.JwksMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await response.WriteToAsync(context, context.RequestAborted);
    }
}
