using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// Token exchange (RFC 8693) and the JWT bearer grant (RFC 7523) over real HTTP against the sample, with its demo
/// policy (demo-resource may exchange for the demo audience) and its demo identity provider.
/// </summary>
public sealed class TokenExchangeHttpTests(SampleServerFixture server)
{
    private const string ExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string BearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string DemoAudience = "urn:oauth2-sample:demo-api";

    private static readonly AuthenticationHeaderValue AppAuth = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);
    private static readonly AuthenticationHeaderValue ResourceAuth = OAuthHttp.Basic("demo-resource", "demo-resource-secret");

    private static async Task<string> AliceTokenAsync(HttpClient client, string scope = "read write")
    {
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", scope)], AppAuth);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return json.GetProperty("access_token").GetString()!;
    }

    private static Task<(HttpResponseMessage Response, JsonElement Json)> ExchangeAsync(HttpClient client, string subject, AuthenticationHeaderValue auth, params KeyValuePair<string, string>[] extra)
        => OAuthHttp.PostTokenAsync(
            client, [new("grant_type", ExchangeGrant), new("subject_token", subject), new("subject_token_type", AccessTokenType), .. extra], auth);

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);

    private static async Task<JsonElement> IntrospectAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "introspect") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Authorization = ResourceAuth;
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await OAuthHttp.ReadJsonAsync(response);
    }

    private static async Task<string> DemoAssertionAsync(HttpClient client, string subject = Username)
    {
        var response = await client.PostAsync("demo-idp/assertion", new FormUrlEncodedContent([new("sub", subject)]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await OAuthHttp.ReadJsonAsync(response)).GetProperty("assertion").GetString()!;
    }

    [Fact]
    public async Task Rfc8693_the_demo_resource_exchanges_alices_token_for_the_demo_audience()
    {
        using var client = server.CreateClient();
        var subject = await AliceTokenAsync(client);
        var (response, json) = await ExchangeAsync(client, subject, ResourceAuth, Pair("scope", "read"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(AccessTokenType, json.GetProperty("issued_token_type").GetString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal("read", json.GetProperty("scope").GetString());

        var introspection = await IntrospectAsync(client, json.GetProperty("access_token").GetString()!);
        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal("user-alice", introspection.GetProperty("sub").GetString());
        Assert.Equal("demo-resource", introspection.GetProperty("client_id").GetString());
        Assert.Equal(DemoAudience, introspection.GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Rfc8693_delegation_shows_the_actor_in_introspection()
    {
        using var client = server.CreateClient();
        var subject = await AliceTokenAsync(client);
        var (_, actorJson) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("scope", "read")], AppAuth);
        var actor = actorJson.GetProperty("access_token").GetString()!;

        var (response, json) = await ExchangeAsync(client, subject, ResourceAuth, Pair("actor_token", actor), Pair("actor_token_type", AccessTokenType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var act = (await IntrospectAsync(client, json.GetProperty("access_token").GetString()!)).GetProperty("act");
        Assert.Equal(ConfidentialClientId, act.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Rfc8693_the_demo_policy_denies_other_clients_and_other_audiences()
    {
        using var client = server.CreateClient();
        var subject = await AliceTokenAsync(client);

        // demo-client is not registered for the grant at all.
        var (unregistered, unregisteredJson) = await ExchangeAsync(client, subject, AppAuth);
        Assert.Equal(HttpStatusCode.BadRequest, unregistered.StatusCode);
        Assert.Equal("unauthorized_client", unregisteredJson.GetProperty("error").GetString());

        var (target, targetJson) = await ExchangeAsync(client, subject, ResourceAuth, Pair("audience", "urn:somewhere-else"));
        Assert.Equal(HttpStatusCode.BadRequest, target.StatusCode);
        Assert.Equal("invalid_target", targetJson.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc8693_scope_is_never_widened_and_a_bad_subject_token_is_invalid_request()
    {
        using var client = server.CreateClient();
        var subject = await AliceTokenAsync(client, "read");
        var (wider, widerJson) = await ExchangeAsync(client, subject, ResourceAuth, Pair("scope", "read admin"));
        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.Equal("invalid_scope", widerJson.GetProperty("error").GetString());

        var (bogus, bogusJson) = await ExchangeAsync(client, "not-a-token", ResourceAuth);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Equal("invalid_request", bogusJson.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc7523_a_demo_assertion_is_exchanged_once()
    {
        using var client = server.CreateClient();
        var assertion = await DemoAssertionAsync(client);
        KeyValuePair<string, string>[] form = [new("grant_type", BearerGrant), new("assertion", assertion), new("scope", "read")];

        var (response, json) = await OAuthHttp.PostTokenAsync(client, form, AppAuth);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", json.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("user-alice", (await OAuthHttp.ReadJsonAsync(me)).GetProperty("sub").GetString());

        var (replay, replayJson) = await OAuthHttp.PostTokenAsync(client, form, AppAuth);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", replayJson.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc7523_an_unknown_subject_or_a_tampered_assertion_is_invalid_grant()
    {
        using var client = server.CreateClient();
        var (unknown, unknownJson) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", BearerGrant), new("assertion", await DemoAssertionAsync(client, "mallory"))], AppAuth);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("invalid_grant", unknownJson.GetProperty("error").GetString());

        var parts = (await DemoAssertionAsync(client)).Split('.');
        var tampered = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];
        var (bad, badJson) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", BearerGrant), new("assertion", tampered)], AppAuth);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_grant", badJson.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc8414_metadata_advertises_both_grants()
    {
        using var client = server.CreateClient();
        var json = await OAuthHttp.ReadJsonAsync(await client.GetAsync(".well-known/oauth-authorization-server", TestContext.Current.CancellationToken));
        var grants = json.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains(ExchangeGrant, grants);
        Assert.Contains(BearerGrant, grants);
    }
}
