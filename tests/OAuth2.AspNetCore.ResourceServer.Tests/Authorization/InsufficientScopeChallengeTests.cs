using System.Net;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;
using OAuth2.AspNetCore.ResourceServer.Tests.Support;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Authorization;

/// <summary>
/// The introspection scheme's 403 for a token without the scope a <c>RequireAccessTokenScope</c> policy asks for
/// (RFC 6750 section 3.1), header and body as sent: the realm, every scope a failed policy required, and
/// <c>resource_metadata</c> when the API describes itself (RFC 9728 section 5.1).
/// </summary>
public sealed class InsufficientScopeChallengeTests : IAsyncLifetime
{
    private const string Token = "scope-challenge-token";
    private const string Body = "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token lacks a scope this resource requires\"}";
    private const string Prefix = "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"The access token lacks a scope this resource requires\"";
    private const string Metadata = ", resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/v1\"";
    private StubAuthorizationServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await StubAuthorizationServer.StartAsync();
        _server.Answer = _ => (200, new { active = true, sub = "user-alice", client_id = "demo-client", scope = "read write", token_type = "Bearer" });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<ProtectedApi> StartApiAsync(bool describeResource)
    {
        Action<OAuth2ProtectedResourceOptions>? resource = null;
        if (describeResource)
        {
            resource = o =>
            {
                o.Resource = "https://api.example.com/v1";
                o.AuthorizationServers.Add("https://as.example.com");
            };
        }

        return ProtectedApi.StartAsync(
            o =>
            {
                o.IntrospectionEndpoint = _server.IntrospectionEndpoint;
                o.ClientId = "api";
                o.ClientSecret = "secret";
                o.Realm = "api";
            },
            resource);
    }

    [Theory]
    [InlineData(false, "/admin", Prefix + ", scope=\"admin\"")]
    [InlineData(false, "/both", Prefix + ", scope=\"read admin\"")]
    [InlineData(false, "/stacked", Prefix + ", scope=\"admin read\"")]
    [InlineData(true, "/admin", Prefix + ", scope=\"admin\"" + Metadata)]
    [InlineData(true, "/stacked", Prefix + ", scope=\"admin read\"" + Metadata)]
    public async Task A_token_without_the_scope_gets_this_exact_403(bool describeResource, string path, string challenge)
    {
        await using var api = await StartApiAsync(describeResource);

        using var response = await api.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([challenge], response.Headers.NonValidated["WWW-Authenticate"]);
        Assert.Equal(["no-store"], response.Headers.NonValidated["Cache-Control"]);
        Assert.Equal(["application/json; charset=utf-8"], response.Content.Headers.NonValidated["Content-Type"]);
        Assert.Equal(Body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_scopes_the_token_has_pass()
    {
        await using var api = await StartApiAsync(describeResource: false);

        using var response = await api.GetAsync("/me", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
