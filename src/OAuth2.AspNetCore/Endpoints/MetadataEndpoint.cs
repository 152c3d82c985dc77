using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Http;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The RFC 8414 metadata document. URLs derive from <see cref="OAuth2ServerOptions.Issuer"/> when it is set (do set
/// it in production: otherwise they derive from the request's scheme and Host header).
/// </summary>
internal static class MetadataEndpoint
{
    public static RequestDelegate For(string prefix, string? authorizationPath) => context =>
    {
        var server = context.RequestServices.GetRequiredService<OAuth2Server>();
        var issuer = context.RequestServices.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value.Issuer;
        var baseUri = new Uri((issuer ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}").TrimEnd('/') + "/");
        Uri At(string path) => new(baseUri, (prefix.TrimEnd('/') + path).TrimStart('/'));
        var endpoints = new MetadataEndpoints
        {
            Issuer = baseUri,
            Token = At("/token"),
            Revocation = At("/revoke"),
            Introspection = At("/introspect"),
            Jwks = At("/jwks"),
            DeviceAuthorization = At("/device_authorization"),
            Authorization = authorizationPath is null ? null : new Uri(baseUri, authorizationPath.TrimStart('/')),
        };
        var response = new OAuth2Response { Body = server.GetMetadata(endpoints) };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        // Cacheable only when it does not depend on the request's Host header.
        response.Headers["Cache-Control"] = issuer is null ? "no-cache" : "public, max-age=3600";
        return response.WriteToAsync(context, context.RequestAborted);
    };
}
