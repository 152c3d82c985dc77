using System.Net;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>The endpoints MapOAuth2Endpoints adds beside /token: revocation, introspection and the metadata document.</summary>
public sealed class RevocationIntrospectionMetadataTests(SampleServerFixture server)
{
    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue ClientAuth = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    private static async Task<(string Access, string Refresh)> PasswordTokensAsync(HttpClient client)
    {
        var (_, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", Password), new("scope", "read")], ClientAuth);
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    private static async Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Json)> PostAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Authorization = ClientAuth;
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    [Fact]
    public async Task Introspection_ReportsAnActiveTokenAndItsSubject()
    {
        using var client = server.CreateClient();
        var (access, _) = await PasswordTokensAsync(client);
        var (response, json) = await PostAsync(client, "introspect", access);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("user-alice", json.GetProperty("sub").GetString());
        Assert.Equal("read", json.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Revocation_OfTheRefreshToken_EndsTheFamily()
    {
        using var client = server.CreateClient();
        var (access, refresh) = await PasswordTokensAsync(client);
        var (revoked, _) = await PostAsync(client, "revoke", refresh);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var (_, introspected) = await PostAsync(client, "introspect", access);
        Assert.False(introspected.GetProperty("active").GetBoolean());
        using var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", access);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Revocation_WithMalformedBody_Is400NotA500()
    {
        using var client = server.CreateClient();
        using var content = new ByteArrayContent("token=%zz"u8.ToArray());
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var response = await client.PostAsync("revoke", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Metadata_NamesTheMappedEndpoints()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(".well-known/oauth-authorization-server", TestContext.Current.CancellationToken);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var baseUrl = server.BaseAddress.ToString().TrimEnd('/');
        Assert.Equal(baseUrl, json.GetProperty("issuer").GetString());
        Assert.Equal(baseUrl + "/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal(baseUrl + "/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(baseUrl + "/revoke", json.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(baseUrl + "/introspect", json.GetProperty("introspection_endpoint").GetString());
        Assert.Contains("S256", json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
