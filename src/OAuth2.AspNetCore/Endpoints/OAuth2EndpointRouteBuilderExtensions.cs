using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OAuth2.AspNetCore.Abuse;
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
    /// Maps, for every HTTP method (a wrong method gets the core's <c>invalid_request</c>):
    /// <c>{prefix}/token</c>, <c>{prefix}/revoke</c> (RFC 7009), <c>{prefix}/introspect</c> (RFC 7662),
    /// <c>{prefix}/device_authorization</c> (RFC 8628; <c>unsupported_grant_type</c> unless the device grant is enabled),
    /// <c>{prefix}/par</c> (RFC 9126 pushed authorization requests; 201 with a <c>request_uri</c> for the authorize page),
    /// <c>GET {prefix}/jwks</c> (the signing keys of JWT access tokens; 404 while tokens are opaque);
    /// <c>{prefix}/register</c> and <c>{prefix}/register/{clientId}</c> (RFC 7591/7592; 404 unless
    /// <c>OAuth2ServerOptions.ClientRegistration</c> is set); and
    /// <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414), which names
    /// <paramref name="authorizationPath"/> as the authorization endpoint once the host maps a page there (<c>null</c>:
    /// none), and only the endpoints and grants a client can really use. <see cref="OAuth2.OAuth2ServerOptions.Issuer"/> must
    /// be set: without it the host stops right after start-up, with a critical log naming the setting.
    /// Every one of them except the metadata and JWKS is rate-limited per remote address and per client id
    /// (<see cref="OAuth2RateLimitOptions"/>) and guarded by the failed-authentication throttle, answering 429 with
    /// <c>Retry-After</c>; no middleware is needed. Returns the route group of the prefixed endpoints so further
    /// conventions (CORS, the host's own rate limiting) can be added.
    /// </summary>
    public static RouteGroupBuilder MapOAuth2Endpoints(this IEndpointRouteBuilder endpoints, string prefix = "", string? authorizationPath = "/authorize")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        IssuerCheck.Register(endpoints.ServiceProvider);
        endpoints.MapGet("/.well-known/oauth-authorization-server", MetadataEndpoint.For(prefix, authorizationPath))
            .WithDisplayName("OAuth2 authorization server metadata");
        var group = endpoints.MapGroup(prefix);
        // Limits (OAuth2RateLimitOptions) and the failed-authentication throttle apply without any middleware.
        var limiter = new OAuth2RateLimiter(endpoints.ServiceProvider);
        group.Map("/token", CoreEndpoint.For(OAuth2EndpointFamily.Token, limiter, CoreEndpoint.TokenAsync)).WithDisplayName("OAuth2 token endpoint");
        group.Map("/revoke", CoreEndpoint.For(OAuth2EndpointFamily.Revocation, limiter, CoreEndpoint.RevokeAsync)).WithDisplayName("OAuth2 revocation endpoint");
        group.Map("/introspect", CoreEndpoint.For(OAuth2EndpointFamily.Introspection, limiter, CoreEndpoint.IntrospectAsync)).WithDisplayName("OAuth2 introspection endpoint");
        group.Map("/device_authorization", CoreEndpoint.For(OAuth2EndpointFamily.DeviceAuthorization, limiter, CoreEndpoint.DeviceAuthorizationAsync))
            .WithDisplayName("OAuth2 device authorization endpoint");
        group.MapGet("/jwks", JwksEndpoint.HandleAsync).WithDisplayName("OAuth2 JSON Web Key Set");
        group.Map("/par", CoreEndpoint.For(OAuth2EndpointFamily.PushedAuthorization, limiter, CoreEndpoint.PushedAuthorizationAsync))
            .WithDisplayName("OAuth2 pushed authorization request endpoint");
        var registration = new RegistrationEndpoint(prefix, limiter);
        group.Map("/register", registration.RegisterAsync).WithDisplayName("OAuth2 dynamic client registration endpoint");
        group.Map("/register/{clientId}", registration.ManageAsync).WithDisplayName("OAuth2 client configuration endpoint");
        return group;
    }
}
