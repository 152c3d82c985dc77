using System.Net;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>Every grant against the running sample, over real HTTP, ending at the protected resource.</summary>
public sealed class GrantTests(SampleServerFixture server)
{
    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue ClientAuth = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    [Fact]
    public async Task ClientCredentials_IssuesAccessTokenOnly_ThatTheResourceAccepts()
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("scope", "read")], ClientAuth);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal("read", json.GetProperty("scope").GetString());
        Assert.False(json.TryGetProperty("refresh_token", out _));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        using var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", json.GetProperty("access_token").GetString());
        var body = await OAuthHttp.ReadJsonAsync(me);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(ConfidentialClientId, body.GetProperty("sub").GetString());
        Assert.Equal(ConfidentialClientId, body.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task ClientCredentials_WithWrongSecret_Is401InvalidClient()
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials")], OAuthHttp.Basic(ConfidentialClientId, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_IssuesTokenPair_AndTheResourceSeesTheUser()
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", "read write")], ClientAuth);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("refresh_token").GetString()));
        using var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", json.GetProperty("access_token").GetString());
        var body = await OAuthHttp.ReadJsonAsync(me);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("user-alice", body.GetProperty("sub").GetString());
        Assert.Equal("read write", body.GetProperty("scope").GetString());
        Assert.Equal("Alice Example", body.GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Password_WithWrongPassword_IsInvalidGrant()
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", "nope")], ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AuthorizationCodeWithPkce_ThroughTheSignInForm_ThenTokenThenResource()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();
        var (code, query) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "st-123", pkce));
        Assert.Equal("st-123", query["state"]);

        var exchange = new KeyValuePair<string, string>[]
        {
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", server.CallbackUri),
            new("client_id", PublicClientId), new("code_verifier", pkce.Verifier),
        };
        var (response, json) = await OAuthHttp.PostTokenAsync(client, exchange);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("read", json.GetProperty("scope").GetString());

        using var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", json.GetProperty("access_token").GetString());
        var body = await OAuthHttp.ReadJsonAsync(me);
        Assert.Equal("user-alice", body.GetProperty("sub").GetString());
        Assert.Equal(PublicClientId, body.GetProperty("client_id").GetString());

        var (replay, replayJson) = await OAuthHttp.PostTokenAsync(client, exchange);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", replayJson.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AuthorizationCode_WithWrongVerifier_IsInvalidGrant()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();
        var (code, _) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", pkce));

        var (response, json) = await OAuthHttp.PostTokenAsync(client,
        [
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", server.CallbackUri),
            new("client_id", PublicClientId), new("code_verifier", PkcePair.Create().Verifier),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task RefreshToken_Rotates_AndReuseOfTheOldOneRevokesTheFamily()
    {
        using var client = server.CreateClient();
        var (_, first) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", "read")], ClientAuth);
        var oldRefresh = first.GetProperty("refresh_token").GetString()!;

        var (rotated, second) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", oldRefresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newRefresh = second.GetProperty("refresh_token").GetString()!;
        var newAccess = second.GetProperty("access_token").GetString()!;
        Assert.NotEqual(oldRefresh, newRefresh);
        using (var ok = await OAuthHttp.GetWithTokenAsync(client, "api/me", newAccess))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var (reused, reusedJson) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", oldRefresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", reusedJson.GetProperty("error").GetString());

        // The whole family is gone: the rotated refresh token and the access token issued with it.
        var (afterFamily, afterJson) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", newRefresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.BadRequest, afterFamily.StatusCode);
        Assert.Equal("invalid_grant", afterJson.GetProperty("error").GetString());
        using var revoked = await OAuthHttp.GetWithTokenAsync(client, "api/me", newAccess);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task AuthorizationCode_RefreshForThePublicClient_Works()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();
        var (code, _) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read write", "s", pkce));
        var (_, tokens) = await OAuthHttp.PostTokenAsync(client,
        [
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", server.CallbackUri),
            new("client_id", PublicClientId), new("code_verifier", pkce.Verifier),
        ]);

        var (refreshed, json) = await OAuthHttp.PostTokenAsync(client,
            [new("grant_type", "refresh_token"), new("refresh_token", tokens.GetProperty("refresh_token").GetString()!), new("client_id", PublicClientId)]);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(JsonValueKind.String, json.GetProperty("access_token").ValueKind);
    }
}
