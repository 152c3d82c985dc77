using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Tests.EndToEnd;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.Authorization;

/// <summary>
/// The bearer scheme's 403 for a token without the scope its policy requires (RFC 6750 section 3.1), read byte for
/// byte off the wire: the challenge scheme the token came in (Bearer or DPoP, RFC 9449 section 7.1), the scheme's
/// realm, every scope a failed policy asked for, <c>resource_metadata</c> when the app describes itself (RFC 9728
/// section 5.1), and the JSON body.
/// </summary>
public sealed class InsufficientScopeChallengeTests
{
    private const string BearerToken = "scope-challenge-bearer-token";
    private const string DpopToken = "scope-challenge-dpop-token";
    private const string Body = "{\"error\":\"insufficient_scope\",\"error_description\":\"Insufficient scope: authorized scope is insufficient\"}";
    private const string Metadata = ", resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/v1\"";

    [Theory]
    [InlineData(false, "/admin", "Bearer realm=\"Resource API\", error=\"insufficient_scope\", scope=\"admin\"")]
    [InlineData(false, "/both", "Bearer realm=\"Resource API\", error=\"insufficient_scope\", scope=\"admin write\"")]
    [InlineData(false, "/stacked", "Bearer realm=\"Resource API\", error=\"insufficient_scope\", scope=\"write admin\"")]
    [InlineData(false, "/other-scheme", "Bearer realm=\"Server Realm\", error=\"insufficient_scope\", scope=\"admin\"")]
    [InlineData(true, "/admin", "Bearer realm=\"Resource API\", error=\"insufficient_scope\", scope=\"admin\"" + Metadata)]
    [InlineData(true, "/stacked", "Bearer realm=\"Resource API\", error=\"insufficient_scope\", scope=\"write admin\"" + Metadata)]
    public async Task A_bearer_token_without_the_scope_gets_this_exact_403(bool describeResource, string path, string challenge)
    {
        await using var host = await ScopedHost.StartAsync(describeResource);

        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", path, ["Authorization: Bearer " + BearerToken]);

        AssertInsufficientScope(response, challenge);
    }

    [Theory]
    [InlineData(false, "/admin", "DPoP realm=\"Resource API\", error=\"insufficient_scope\", scope=\"admin\"")]
    [InlineData(false, "/both", "DPoP realm=\"Resource API\", error=\"insufficient_scope\", scope=\"admin write\"")]
    [InlineData(true, "/admin", "DPoP realm=\"Resource API\", error=\"insufficient_scope\", scope=\"admin\"" + Metadata)]
    public async Task A_dpop_token_without_the_scope_is_challenged_in_the_dpop_scheme(bool describeResource, string path, string challenge)
    {
        await using var host = await ScopedHost.StartAsync(describeResource);
        var proof = host.Key.Proof(HttpMethod.Get, new Uri(host.BaseAddress, path.TrimStart('/')), DpopToken);

        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", path, ["Authorization: DPoP " + DpopToken, "DPoP: " + proof]);

        AssertInsufficientScope(response, challenge);
    }

    [Fact]
    public async Task The_scope_the_token_has_passes()
    {
        await using var host = await ScopedHost.StartAsync(describeResource: false);

        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", "/read", ["Authorization: Bearer " + BearerToken]);

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", response.Body);
    }

    private static void AssertInsufficientScope(RawBearer.Response response, string challenge)
    {
        Assert.Equal(403, response.Status);
        Assert.Equal([challenge], response.Headers("WWW-Authenticate"));
        Assert.Equal(["application/json; charset=utf-8"], response.Headers("Content-Type"));
        Assert.Equal(["no-store"], response.Headers("Cache-Control"));
        Assert.Equal(Body, response.Body);
    }

    /// <summary>
    /// Server realm <c>Server Realm</c>; the default bearer scheme with realm <c>Resource API</c> and a second one
    /// (<c>other</c>) on the server's realm; two stored tokens with scope <c>read</c>, one bound to a DPoP key.
    /// </summary>
    private sealed class ScopedHost(WebApplication app, Uri baseAddress, DpopKey key) : IAsyncDisposable
    {
        public Uri BaseAddress => baseAddress;

        public DpopKey Key => key;

        public static async Task<ScopedHost> StartAsync(bool describeResource)
        {
            var ct = TestContext.Current.CancellationToken;
            var builder = MinimalServerHost.CreateBuilder("Server Realm");
            builder.Services.AddAuthentication()
                .AddOAuth2Bearer(o => o.Realm = "Resource API")
                .AddOAuth2Bearer("other", configure: null);
            if (describeResource)
            {
                builder.Services.AddOAuth2ProtectedResource(o =>
                {
                    o.Resource = "https://api.example.com/v1";
                    o.AuthorizationServers.Add("https://as.example.com");
                });
            }

            builder.Services.AddAuthorizationBuilder()
                .AddOAuth2ScopePolicies("read", "write", "admin")
                .AddPolicy("both", p => p.RequireScope("admin", "write"))
                .AddPolicy("other-scheme", p => p.RequireScope("other", ["admin"]));
            var web = builder.Build();
            web.UseAuthentication();
            web.UseAuthorization();
            web.MapGet("/read", () => "ok").RequireAuthorization("read");
            web.MapGet("/admin", () => "ok").RequireAuthorization("admin");
            web.MapGet("/both", () => "ok").RequireAuthorization("both");
            web.MapGet("/stacked", () => "ok").RequireAuthorization("write", "admin");
            web.MapGet("/other-scheme", () => "ok").RequireAuthorization("other-scheme");
            var address = await MinimalServerHost.StartAsync(web, ct);

            var dpopKey = new DpopKey();
            await MinimalServerHost.StoreTokenAsync(web, BearerToken, "g1", ["read"], jwkThumbprint: null, ct);
            await MinimalServerHost.StoreTokenAsync(web, DpopToken, "g2", ["read"], dpopKey.Thumbprint, ct);
            return new ScopedHost(web, address, dpopKey);
        }

        public async ValueTask DisposeAsync()
        {
            key.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
