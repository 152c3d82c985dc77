using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth2.AspNetCore.Tests.EndToEnd;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.Storage;
using OAuth2.Tokens;

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
    private sealed class ScopedHost : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ScopedHost(WebApplication app, Uri baseAddress, DpopKey key)
        {
            _app = app;
            BaseAddress = baseAddress;
            Key = key;
        }

        public Uri BaseAddress { get; }

        public DpopKey Key { get; }

        public static async Task<ScopedHost> StartAsync(bool describeResource)
        {
            var ct = TestContext.Current.CancellationToken;
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls=http://127.0.0.1:0"] });
            builder.Logging.ClearProviders();
            builder.Services.AddOAuth2Server(o =>
            {
                o.GrantTypes.Clear();
                o.GrantTypes.Add(GrantTypes.ClientCredentials);
                o.Realm = "Server Realm";
            }).AddInMemoryStorage();
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
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/read", () => "ok").RequireAuthorization("read");
            app.MapGet("/admin", () => "ok").RequireAuthorization("admin");
            app.MapGet("/both", () => "ok").RequireAuthorization("both");
            app.MapGet("/stacked", () => "ok").RequireAuthorization("write", "admin");
            app.MapGet("/other-scheme", () => "ok").RequireAuthorization("other-scheme");
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

            var key = new DpopKey();
            var tokens = app.Services.GetRequiredService<ITokenStore>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await tokens.SaveTokensAsync(TokenDigest.Compute(BearerToken), Token(now, "g1", jkt: null), null, null, ct);
            await tokens.SaveTokensAsync(TokenDigest.Compute(DpopToken), Token(now, "g2", key.Thumbprint), null, null, ct);
            return new ScopedHost(app, new Uri(address.TrimEnd('/') + "/"), key);
        }

        private static AccessToken Token(DateTimeOffset now, string grantId, string? jkt) => new()
        {
            ClientId = "c1",
            User = new OAuth2User("u1"),
            Scope = ["read"],
            IssuedAt = now,
            ExpiresAt = now.AddHours(1),
            GrantId = grantId,
            JwkThumbprint = jkt,
        };

        public async ValueTask DisposeAsync()
        {
            Key.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
