using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.Http;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.AspNetCore.Endpoints;

/// <summary>
/// The RFC 8414 metadata document. URLs derive from <see cref="OAuth2ServerOptions.Issuer"/>, which must be set: a
/// request's Host header is the caller's to choose, so deriving the issuer from it would let anyone make the server
/// advertise their endpoints (and the authorization endpoint's RFC 9207 <c>iss</c> would be as forgeable).
/// </summary>
internal static class MetadataEndpoint
{
    public static RequestDelegate For(string prefix, string? authorizationPath) => context =>
    {
        var server = context.RequestServices.GetRequiredService<OAuth2Server>();
        var issuer = context.RequestServices.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value.Issuer;
        if (string.IsNullOrEmpty(issuer))
        {
            throw new InvalidOperationException(
                "OAuth2ServerOptions.Issuer is not set (configuration key OAuth2:Issuer): the metadata document needs the issuer's URL, and never derives it from a request.");
        }

        var baseUri = new Uri(issuer.TrimEnd('/') + "/");
        Uri At(string path) => new(baseUri, (prefix.TrimEnd('/') + path).TrimStart('/'));
        var endpoints = new MetadataEndpoints
        {
            Issuer = baseUri,
            Token = At("/token"),
            Revocation = At("/revoke"),
            Introspection = At("/introspect"),
            Jwks = At("/jwks"),
            DeviceAuthorization = At("/device_authorization"),
            Registration = At("/register"),
            Authorization = authorizationPath is null ? null : new Uri(baseUri, authorizationPath.TrimStart('/')),
        };
        var response = new OAuth2Response { Body = server.GetMetadata(endpoints) };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "public, max-age=3600";
        return response.WriteToAsync(context, context.RequestAborted);
    };
}
