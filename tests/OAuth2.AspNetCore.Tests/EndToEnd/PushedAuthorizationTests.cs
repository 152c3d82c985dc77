using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// Pushed authorization requests (RFC 9126) over real HTTP against the sample as shipped: push, sign in through the
/// consent page with <c>client_id</c> + <c>request_uri</c>, redeem the code; and each refusal the RFC names.
/// </summary>
public sealed class PushedAuthorizationTests(SampleServerFixture server)
{
    /// <summary>demo-client's registered redirect URI: a confidential client's loopback port must match exactly (RFC 8252 7.3 is for native apps).</summary>
    internal const string RegisteredRedirectUri = "http://127.0.0.1:5000/callback";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuthenticationHeaderValue ClientAuth => OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    internal static async Task<(HttpResponseMessage Response, JsonElement Json)> PushAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "par") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        var response = await client.SendAsync(request, Ct);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    internal static List<KeyValuePair<string, string>> AuthorizationForm(string clientId, string redirectUri, PkcePair pkce, string state = "xyz", string scope = "read") =>
    [
        new("response_type", "code"),
        new("client_id", clientId),
        new("redirect_uri", redirectUri),
        new("scope", scope),
        new("state", state),
        new("code_challenge", pkce.Challenge),
        new("code_challenge_method", "S256"),
    ];

    internal static string ByReference(string clientId, string requestUri) =>
        $"client_id={Uri.EscapeDataString(clientId)}&request_uri={Uri.EscapeDataString(requestUri)}";

    [Fact]
    public async Task Push_Answers201WithASingleUseRequestUriAndItsLifetime_Rfc9126Section2_2()
    {
        using var client = server.CreateClient();
        var (response, json) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create()), ClientAuth);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var requestUri = json.GetProperty("request_uri").GetString()!;
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", requestUri, StringComparison.Ordinal);
        Assert.Equal(43, requestUri.Length - "urn:ietf:params:oauth:request_uri:".Length);
        Assert.Equal(60, json.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task PushThenSignInByReferenceThenToken_TheCodeCarriesThePushedPkceAndRedirect()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();
        var (_, pushed) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, pkce, state: "pushed-state"), ClientAuth);
        var requestUri = pushed.GetProperty("request_uri").GetString()!;

        var (code, query) = await SignInForm.ApproveAsync(client, ByReference(ConfidentialClientId, requestUri));

        Assert.Equal("pushed-state", query["state"]);
        Assert.Equal(server.BaseAddress.ToString().TrimEnd('/'), query["iss"]);
        var (token, json) = await OAuthHttp.PostTokenAsync(
            client,
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RegisteredRedirectUri), new("code_verifier", pkce.Verifier)],
            ClientAuth);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("read", json.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task TheConsentPageMayBeReloaded_UntilTheCodeIsIssued_ThenTheRequestUriIsUsed_Rfc9126Section4()
    {
        using var client = server.CreateClient();
        var (_, pushed) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create()), ClientAuth);
        var query = ByReference(ConfidentialClientId, pushed.GetProperty("request_uri").GetString()!);

        await SignInForm.OpenAsync(client, query);
        var html = await SignInForm.OpenAsync(client, query); // a reload
        using var approved = await SignInForm.SubmitAsync(client, html, Username, Password, "true");
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);

        using var replay = await client.GetAsync("authorize?" + query, Ct);
        var json = await OAuthHttp.ReadJsonAsync(replay);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_request_uri", json.GetProperty("error").GetString());
        Assert.Null(replay.Headers.Location);
    }

    [Fact]
    public async Task ParametersBesideTheRequestUriAreIgnored_OnlyThePushedRequestIsAuthorized()
    {
        using var client = server.CreateClient();
        var (_, pushed) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create(), state: "s1", scope: "read"), ClientAuth);
        var query = ByReference(ConfidentialClientId, pushed.GetProperty("request_uri").GetString()!)
            + "&scope=admin&state=evil&redirect_uri=" + Uri.EscapeDataString("https://attacker.example/cb");

        var (_, result) = await SignInForm.ApproveAsync(client, query);

        Assert.Equal("s1", result["state"]);
        Assert.True(result.ContainsKey("code"));
    }

    [Fact]
    public async Task ARequestUriInsideAPushedRequestIsRefused_Rfc9126Section2_1()
    {
        using var client = server.CreateClient();
        var form = AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create());
        form.Add(new("request_uri", "urn:ietf:params:oauth:request_uri:abc"));

        var (response, json) = await PushAsync(client, form, ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AConfidentialClientMustAuthenticateAtThePushEndpoint_Rfc9126Section2()
    {
        using var client = server.CreateClient();

        var (missing, _) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create()), auth: null);
        var (wrong, json) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create()), OAuthHttp.Basic(ConfidentialClientId, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task APublicClientPushesWithItsClientIdAndPkce()
    {
        using var client = server.CreateClient();
        var (response, json) = await PushAsync(client, AuthorizationForm(PublicClientId, RegisteredRedirectUri, PkcePair.Create()), auth: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", json.GetProperty("request_uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePushedRequestIsValidatedAsTheAuthorizeEndpointWould_AnUnregisteredRedirectUriIsRefused()
    {
        using var client = server.CreateClient();
        var (response, json) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, "https://attacker.example/cb", PkcePair.Create()), ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnotherClientsRequestUriIsUnknown_Rfc9126Section4()
    {
        using var client = server.CreateClient();
        var (_, pushed) = await PushAsync(client, AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create()), ClientAuth);

        using var response = await client.GetAsync("authorize?" + ByReference(PublicClientId, pushed.GetProperty("request_uri").GetString()!), Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_uri", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MetadataNamesThePushEndpoint_Rfc9126Section5()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(".well-known/oauth-authorization-server", Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.Equal(new Uri(server.BaseAddress, "par").ToString(), json.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.False(json.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }
}
