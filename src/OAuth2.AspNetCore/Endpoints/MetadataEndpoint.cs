using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Http;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The RFC 8414 metadata document. URLs derive from <see cref="OAuth2ServerOptions.Issuer"/>, which must be set: a
/// request's Host header is the caller's to choose, so deriving the issuer from it would let anyone make the server
/// advertise their endpoints (and the authorization endpoint's RFC 9207 <c>iss</c> would be as forgeable). A missing
/// issuer stops the host at start-up (<see cref="IssuerCheck"/>); should a request still arrive, it gets a 503.
/// </summary>
/// <remarks>
/// The document names only what the host really routes: each endpoint is looked up among the application's
/// endpoints, so an authorization page the host did not map is not advertised, nor the grant that needs it.
/// </remarks>
internal static class MetadataEndpoint
{
    public static RequestDelegate For(string prefix, string? authorizationPath) => context =>
    {
        var server = context.RequestServices.GetRequiredService<OAuth2Server>();
        var issuer = context.RequestServices.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value.Issuer;
        if (!IssuerCheck.IsValidIssuer(issuer))
        {
            return OAuth2ErrorResponses.Json(StatusCodes.Status503ServiceUnavailable, "server_error", IssuerCheck.Problem)
                .WriteToAsync(context, context.RequestAborted);
        }

        var routes = MappedRoutes(context.RequestServices.GetService<EndpointDataSource>());
        var baseUri = new Uri(issuer!.TrimEnd('/') + "/");
        Uri? At(string path) => Routed(routes, Combine(prefix, path)) ? new(baseUri, Combine(prefix, path).TrimStart('/')) : null;
        var endpoints = new MetadataEndpoints
        {
            Issuer = baseUri,
            Token = new(baseUri, Combine(prefix, "/token").TrimStart('/')),
            Revocation = At("/revoke"),
            Introspection = At("/introspect"),
            Jwks = At("/jwks"),
            DeviceAuthorization = At("/device_authorization"),
            Authorization = authorizationPath is not null && Routed(routes, Normalize(authorizationPath))
                ? new Uri(baseUri, authorizationPath.TrimStart('/'))
                : null,
            PushedAuthorization = At("/par"),
            Registration = At("/register"),
        };
        var response = new OAuth2Response { Body = server.GetMetadata(endpoints) };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "public, max-age=3600";
        return response.WriteToAsync(context, context.RequestAborted);
    };

    /// <summary>The normalized paths of every routed endpoint; <c>null</c> when routing is unknown (then everything counts as routed).</summary>
    private static HashSet<string>? MappedRoutes(EndpointDataSource? source)
    {
        if (source is null)
        {
            return null;
        }

        var routes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in source.Endpoints)
        {
            if (endpoint is RouteEndpoint { RoutePattern.RawText: { } raw })
            {
                routes.Add(Normalize(raw));
            }
        }

        return routes;
    }

    private static bool Routed(HashSet<string>? routes, string path) => routes is null || routes.Contains(path);

    private static string Combine(string prefix, string path) => Normalize(prefix.TrimEnd('/') + path);

    /// <summary>A route as a path: one leading slash, no trailing one (routing ignores both, and case).</summary>
    private static string Normalize(string path) => "/" + path.Trim('/');
}
