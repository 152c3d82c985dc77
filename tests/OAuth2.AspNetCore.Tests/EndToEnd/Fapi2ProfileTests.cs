using System.Net;
using System.Net.Http.Headers;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>The sample started in FAPI 2.0 mode from configuration alone (<c>--OAuth2:Profile=Fapi2</c>).</summary>
public sealed class Fapi2SampleFixture : IAsyncLifetime
{
    private RunningSample? _sample;

    public Uri BaseAddress => _sample!.BaseAddress;

    public string CallbackUri => new Uri(BaseAddress, "/callback").ToString();

    public async ValueTask InitializeAsync()
        => _sample = await RunningSample.StartAsync(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Profile=Fapi2"], TestContext.Current.CancellationToken);

    public HttpClient CreateClient()
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
    }
}

/// <summary>
/// The FAPI 2.0 Security Profile (final), authorization server requirements (section 5.3.2), over real HTTP: what the
/// switch refuses and the one flow it allows (PAR, PKCE S256, confidential client).
/// </summary>
public sealed class Fapi2ProfileTests(Fapi2SampleFixture server) : IClassFixture<Fapi2SampleFixture>
{
    private const string RegisteredRedirectUri = PushedAuthorizationTests.RegisteredRedirectUri;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuthenticationHeaderValue ClientAuth => OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    [Fact]
    public async Task AnAuthorizationRequestThatWasNotPushedIsRefused_Fapi2Section5_3_2_2()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();

        using var response = await client.GetAsync("authorize?" + SignInForm.AuthorizeQuery(ConfidentialClientId, RegisteredRedirectUri, "read", "st", pkce), Ct);

        // The client and redirect URI are known good, so the refusal goes back to the client (RFC 6749 4.1.2.1).
        var location = response.Headers.Location ?? throw new InvalidOperationException("expected a redirect with the error");
        var query = OAuthHttp.ParseQuery(location);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("st", query["state"]);
    }

    [Fact]
    public async Task PushedWithPkce_ThenConsent_ThenToken_Works()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();
        var (pushedResponse, pushed) = await PushedAuthorizationTests.PushAsync(client, PushedAuthorizationTests.AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, pkce), ClientAuth);
        Assert.Equal(HttpStatusCode.Created, pushedResponse.StatusCode);

        var (code, query) = await SignInForm.ApproveAsync(client, PushedAuthorizationTests.ByReference(ConfidentialClientId, pushed.GetProperty("request_uri").GetString()!));

        Assert.Equal(server.BaseAddress.ToString().TrimEnd('/'), query["iss"]);
        var (token, json) = await OAuthHttp.PostTokenAsync(
            client,
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RegisteredRedirectUri), new("code_verifier", pkce.Verifier)],
            ClientAuth);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        // Section 5.3.2.1: no refresh token rotation, so the refresh token survives its own use.
        var refresh = json.GetProperty("refresh_token").GetString()!;
        var (first, firstJson) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], ClientAuth);
        var (second, _) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refresh)], ClientAuth);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(firstJson.TryGetProperty("refresh_token", out _), "a rotated refresh token was issued");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task APushedRequestWithoutPkceIsRefused_Fapi2Section5_3_2_2()
    {
        using var client = server.CreateClient();
        var form = PushedAuthorizationTests.AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create())
            .Where(p => !p.Key.StartsWith("code_challenge", StringComparison.Ordinal)).ToList();

        var (response, json) = await PushedAuthorizationTests.PushAsync(client, form, ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task APushedRequestWithoutRedirectUriIsRefused_Fapi2Section5_3_2_2()
    {
        using var client = server.CreateClient();
        var form = PushedAuthorizationTests.AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create())
            .Where(p => p.Key != "redirect_uri").ToList();

        var (response, json) = await PushedAuthorizationTests.PushAsync(client, form, ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task PublicClientsAreRefused_Fapi2Section5_3_2_1()
    {
        using var client = server.CreateClient();

        var (response, json) = await PushedAuthorizationTests.PushAsync(client, PushedAuthorizationTests.AuthorizationForm(PublicClientId, RegisteredRedirectUri, PkcePair.Create()), auth: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ThePasswordGrantIsRefused_Fapi2Section5_3_2_1()
    {
        using var client = server.CreateClient();

        var (response, json) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "password"), new("username", Username), new("password", Password)], ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MetadataSaysPushedRequestsAreRequired()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(".well-known/oauth-authorization-server", Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.True(json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.DoesNotContain("password", json.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
