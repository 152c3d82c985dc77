using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// <c>Authorization: Basic base64("client_id:")</c> (an empty password, what Duende.IdentityModel sends for a public
/// client by default) identifies a public client at every endpoint where one may identify itself, and is
/// <c>invalid_client</c> for a confidential one.
/// </summary>
public sealed class PublicClientBasicTests(SampleServerFixture server)
{
    private const string DeviceClientId = "demo-device";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuthenticationHeaderValue EmptyPassword(string clientId) => OAuthHttp.Basic(clientId, string.Empty);

    private static async Task<(HttpResponseMessage Response, JsonElement Json)> PostAsync(
        HttpClient client, string path, AuthenticationHeaderValue auth, params KeyValuePair<string, string>[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        var response = await client.SendAsync(request, Ct);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    private async Task<JsonElement> CodeExchangeAsync(HttpClient client)
    {
        var pkce = PkcePair.Create();
        var (code, _) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", pkce));
        var (response, json) = await PostAsync(
            client, "token", EmptyPassword(PublicClientId),
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", server.CallbackUri), new("code_verifier", pkce.Verifier));
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json;
    }

    [Fact]
    public async Task Token_code_exchange_and_refresh_accept_an_empty_basic_password_from_a_public_client()
    {
        using var client = server.CreateClient();
        var tokens = await CodeExchangeAsync(client);

        var (response, refreshed) = await PostAsync(
            client, "token", EmptyPassword(PublicClientId),
            new("grant_type", "refresh_token"), new("refresh_token", tokens.GetProperty("refresh_token").GetString()!));
        Assert.True(response.StatusCode == HttpStatusCode.OK, refreshed.ToString());
        Assert.NotEqual(tokens.GetProperty("refresh_token").GetString(), refreshed.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task Device_authorization_accepts_an_empty_basic_password_from_a_public_client()
    {
        using var client = server.CreateClient();
        var (response, json) = await PostAsync(client, "device_authorization", EmptyPassword(DeviceClientId), new KeyValuePair<string, string>("scope", "read"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("device_code").GetString()));

        var (poll, pending) = await PostAsync(
            client, "token", EmptyPassword(DeviceClientId),
            new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), new("device_code", json.GetProperty("device_code").GetString()!));
        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode);
        Assert.Equal("authorization_pending", pending.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revocation_accepts_an_empty_basic_password_from_a_public_client()
    {
        using var client = server.CreateClient();
        var tokens = await CodeExchangeAsync(client);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        var (response, _) = await PostAsync(client, "revoke", EmptyPassword(PublicClientId), new KeyValuePair<string, string>("token", refreshToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (reuse, json) = await PostAsync(client, "token", EmptyPassword(PublicClientId), new("grant_type", "refresh_token"), new("refresh_token", refreshToken));
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("token", "grant_type=client_credentials")]
    [InlineData("revoke", "token=anything")]
    [InlineData("introspect", "token=anything")]
    public async Task A_confidential_client_with_an_empty_basic_password_is_401_invalid_client(string path, string body)
    {
        using var client = server.CreateClient();
        var form = body.Split('=') is [var name, var value] ? new KeyValuePair<string, string>(name, value) : throw new InvalidOperationException();
        // demo-web and demo-resource, not demo-client: the fixture is shared, and every invalid_client here counts
        // against the client's failed-authentication budget from 127.0.0.1, which demo-client's own tests spend.
        var (response, json) = await PostAsync(client, path, EmptyPassword(path == "introspect" ? "demo-resource" : "demo-web"), form);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("device_authorization")]
    [InlineData("revoke")]
    public async Task An_empty_basic_password_plus_a_body_secret_is_still_two_methods(string path)
    {
        using var client = server.CreateClient();
        var clientId = path == "device_authorization" ? DeviceClientId : PublicClientId;
        var (response, json) = await PostAsync(
            client, path, EmptyPassword(clientId),
            new("grant_type", "refresh_token"), new("refresh_token", "x"), new("token", "x"), new("client_secret", "s"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }
}
