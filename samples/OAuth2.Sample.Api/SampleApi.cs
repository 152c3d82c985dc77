using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using OAuth2.AspNetCore.ResourceServer.Introspection;

namespace OAuth2.Sample.Api;

/// <summary>
/// A protected resource apart from the authorization server. <c>Api:Mode</c> picks how tokens are checked:
/// <c>introspection</c> (opaque tokens, asked at the server's <c>/introspect</c> as client <c>demo-resource</c>) or
/// <c>jwt</c> (RFC 9068 tokens checked locally against the server's published keys). Public so tests can build it.
/// </summary>
public static class SampleApi
{
    public const string ReadPolicy = "read";
    public const string AdminPolicy = "admin";

    public static WebApplication BuildApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Lowest priority: environment variables and the command line (--Api:Mode=jwt) override it.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = "apisettings.json", Optional = false });
        var api = builder.Configuration.GetSection("Api");
        var authority = api["Authority"] ?? throw new InvalidOperationException("Api:Authority is required: the authorization server's issuer URL.");
        var resource = api["Resource"] ?? (builder.Configuration["Urls"] ?? "http://127.0.0.1:5001").Split(';')[0].TrimEnd('/');
        var mode = api["Mode"] ?? "introspection";

        // RFC 9728: GET /.well-known/oauth-protected-resource tells a client which server issues tokens for this API,
        // and every 401/403 challenge points at it (resource_metadata="...").
        builder.Services.AddOAuth2ProtectedResource(o =>
        {
            o.Resource = resource;
            o.AuthorizationServers.Add(authority);
            o.ScopesSupported.Add("read");
            o.ScopesSupported.Add("admin");
        });

        string scheme;
        if (string.Equals(mode, "jwt", StringComparison.OrdinalIgnoreCase))
        {
            scheme = JwtBearerDefaults.AuthenticationScheme;
            var jwt = api.GetSection("Jwt");
            var metadataAddress = MetadataAddress(authority);
            builder.Services.AddAuthentication(scheme).AddJwtBearer(o =>
            {
                // JwtBearer would look for /.well-known/openid-configuration; this server publishes RFC 8414 metadata.
                o.MetadataAddress = metadataAddress;
                o.RequireHttpsMetadata = !new Uri(metadataAddress).IsLoopback;
                o.MapInboundClaims = false; // keep sub, scope, client_id as they are on the wire
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt["Issuer"] ?? authority,
                    ValidAudience = jwt["Audience"],
                    ValidTypes = ["at+jwt"], // RFC 9068 section 4: refuse ID tokens and other JWTs
                    ClockSkew = jwt.GetValue("ClockSkew", TimeSpan.FromSeconds(30)),
                    NameClaimType = "sub",
                };
                // RFC 9728 section 5.1 for JwtBearer: its challenge starts with Options.Challenge and appends the error.
                o.Challenge = $"Bearer resource_metadata=\"{ResourceMetadata(resource)}\"";
                o.Events = new JwtBearerEvents
                {
                    OnForbidden = context =>
                    {
                        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", resource_metadata=\"{ResourceMetadata(resource)}\"";
                        return Task.CompletedTask;
                    },
                };
            });
        }
        else if (string.Equals(mode, "introspection", StringComparison.OrdinalIgnoreCase))
        {
            scheme = OAuth2IntrospectionDefaults.AuthenticationScheme;
            builder.Services.AddAuthentication(scheme).AddOAuth2Introspection(o =>
            {
                api.GetSection("Introspection").Bind(o); // ClientId, ClientSecret, CacheDuration, Audience, ...
                o.Authority = authority;                  // the endpoint is discovered from its RFC 8414 metadata
            });
        }
        else
        {
            throw new InvalidOperationException($"Api:Mode is 'jwt' or 'introspection', not '{mode}'.");
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(scheme).RequireAccessTokenScope("read"))
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(scheme).RequireAccessTokenScope("admin"));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOAuth2ProtectedResourceMetadata();
        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Json(new
        {
            sub = user.FindFirstValue("sub"),
            client_id = user.FindFirstValue("client_id"),
            scope = string.Join(' ', user.FindAll("scope").Select(c => c.Value)),
            checked_by = mode,
        })).RequireAuthorization(ReadPolicy);
        app.MapGet("/api/admin", (ClaimsPrincipal user) => Results.Json(new { message = "Hello, administrator.", sub = user.FindFirstValue("sub") }))
            .RequireAuthorization(AdminPolicy);
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Sample API ({mode}) on {resource}, tokens from {authority}"));
        return app;
    }

    /// <summary>RFC 8414 section 3.1: the well-known suffix goes between host and the issuer's path.</summary>
    public static string MetadataAddress(string issuer)
    {
        var uri = new Uri(issuer);
        var path = uri.AbsolutePath == "/" ? string.Empty : uri.AbsolutePath.TrimEnd('/');
        return uri.GetLeftPart(UriPartial.Authority) + "/.well-known/oauth-authorization-server" + path;
    }

    private static string ResourceMetadata(string resource)
        => new OAuth2.AspNetCore.ResourceServer.ProtectedResource.OAuth2ProtectedResourceOptions { Resource = resource }.MetadataAddress;
}
