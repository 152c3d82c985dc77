using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// The sample started in FAPI 2.0 mode from configuration alone (<c>--OAuth2:Profile=Fapi2</c>), with one more client,
/// <c>demo-fapi</c>, registered for <c>private_key_jwt</c> with a public key generated here (the private half signs
/// the assertions in <see cref="Fapi2ProfileTests"/>).
/// </summary>
public sealed class Fapi2SampleFixture : IAsyncLifetime
{
    public const string FapiClientId = "demo-fapi";

    private readonly ClientAssertionKey _clientKey = new(FapiClientId, "fapi-1");
    private RunningSample? _sample;

    public Uri BaseAddress => _sample!.BaseAddress;

    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        var jwks = _clientKey.JwksJson;
        _sample = await RunningSample.StartAsync(
            [
                "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Profile=Fapi2",
                $"--OAuth2:Clients:90:ClientId={FapiClientId}",
                "--OAuth2:Clients:90:Grants:0=authorization_code", "--OAuth2:Clients:90:Grants:1=refresh_token", "--OAuth2:Clients:90:Grants:2=client_credentials",
                "--OAuth2:Clients:90:Scopes:0=read", $"--OAuth2:Clients:90:RedirectUris:0={PushedAuthorizationTests.RegisteredRedirectUri}",
                $"--OAuth2:Clients:90:Jwks={jwks}",
            ],
            TestContext.Current.CancellationToken);
    }

    /// <summary>A fresh <c>private_key_jwt</c> assertion for <c>demo-fapi</c> (RFC 7523 section 2.2), by default with the issuer as <c>aud</c>.</summary>
    public string Assertion(string? audience = null) => _clientKey.Assertion(audience ?? Issuer);

    public HttpClient CreateClient()
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }

        _clientKey.Dispose();
    }
}

/// <summary>
/// The FAPI 2.0 Security Profile (final), authorization server requirements (section 5.3.2), over real HTTP: the one
/// flow it allows (PAR with a <c>private_key_jwt</c> client, PKCE S256, DPoP-bound tokens, the resource with a proof)
/// and what it refuses (secret authentication, a token request without a proof, direct authorization requests, public
/// clients, the password grant).
/// </summary>
public sealed class Fapi2ProfileTests(Fapi2SampleFixture server) : IClassFixture<Fapi2SampleFixture>, IDisposable
{
    private const string RegisteredRedirectUri = PushedAuthorizationTests.RegisteredRedirectUri;
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private const string FapiClientId = Fapi2SampleFixture.FapiClientId;

    private readonly DpopKey _dpop = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuthenticationHeaderValue SecretAuth => OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    public void Dispose() => _dpop.Dispose();

    private List<KeyValuePair<string, string>> WithAssertion(IEnumerable<KeyValuePair<string, string>> form, string? audience = null)
        => [.. form, new("client_assertion_type", AssertionType), new("client_assertion", server.Assertion(audience))];

    /// <summary>POSTs a form to <paramref name="path"/>, with a DPoP proof for that URL when <paramref name="dpop"/> is set.</summary>
    private async Task<(HttpResponseMessage Response, JsonElement Json)> PostAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form, bool dpop, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        if (dpop)
        {
            request.Headers.Add("DPoP", _dpop.Proof(HttpMethod.Post, new Uri(server.BaseAddress, path)));
        }

        var response = await client.SendAsync(request, Ct);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    private async Task<(string Code, PkcePair Pkce, Dictionary<string, string> Query)> PushAndApproveAsync(HttpClient client)
    {
        var pkce = PkcePair.Create();
        var (pushedResponse, pushed) = await PushedAuthorizationTests.PushAsync(client, WithAssertion(PushedAuthorizationTests.AuthorizationForm(FapiClientId, RegisteredRedirectUri, pkce)), auth: null);
        Assert.Equal(HttpStatusCode.Created, pushedResponse.StatusCode);
        var (code, query) = await SignInForm.ApproveAsync(client, PushedAuthorizationTests.ByReference(FapiClientId, pushed.GetProperty("request_uri").GetString()!));
        return (code, pkce, query);
    }

    [Fact]
    public async Task PushedWithPrivateKeyJwt_ThenConsent_ThenDpopBoundTokens_ThenRefresh_ThenApiMe_Fapi2Section5_3_2()
    {
        using var client = server.CreateClient();
        var (code, pkce, query) = await PushAndApproveAsync(client);
        Assert.Equal(server.Issuer, query["iss"]);

        var (token, json) = await PostAsync(
            client,
            "token",
            WithAssertion([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RegisteredRedirectUri), new("code_verifier", pkce.Verifier)]),
            dpop: true);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("DPoP", json.GetProperty("token_type").GetString());
        var access = json.GetProperty("access_token").GetString()!;

        // Section 5.3.2.1: no refresh token rotation, so the refresh token survives its own use; each refresh is DPoP-bound.
        var refresh = json.GetProperty("refresh_token").GetString()!;
        var (first, firstJson) = await PostAsync(client, "token", WithAssertion([new("grant_type", "refresh_token"), new("refresh_token", refresh)]), dpop: true);
        var (second, secondJson) = await PostAsync(client, "token", WithAssertion([new("grant_type", "refresh_token"), new("refresh_token", refresh)]), dpop: true);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(firstJson.TryGetProperty("refresh_token", out _), "a rotated refresh token was issued");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("DPoP", secondJson.GetProperty("token_type").GetString());

        // The resource takes the bound token with a proof of the same key, and not as a bearer token (RFC 9449 section 7).
        using var me = new HttpRequestMessage(HttpMethod.Get, "api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("DPoP", access);
        me.Headers.Add("DPoP", _dpop.Proof(HttpMethod.Get, new Uri(server.BaseAddress, "api/me"), access));
        using var meResponse = await client.SendAsync(me, Ct);
        using var asBearer = await OAuthHttp.GetWithTokenAsync(client, "api/me", access);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
    }

    [Fact]
    public async Task ATokenRequestWithoutADpopProofIsRefused_Fapi2Section5_3_2_1()
    {
        using var client = server.CreateClient();

        var (response, json) = await PostAsync(client, "token", WithAssertion([new("grant_type", "client_credentials"), new("scope", "read")]), dpop: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_dpop_proof", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("token", true)]
    [InlineData("token", false)]
    [InlineData("par", true)]
    [InlineData("revoke", true)]
    [InlineData("introspect", false)]
    public async Task ClientSecretAuthenticationIsRefused_Fapi2Section5_3_2_1(string path, bool basic)
    {
        using var client = server.CreateClient();
        List<KeyValuePair<string, string>> form = path switch
        {
            "token" => [new("grant_type", "client_credentials"), new("scope", "read")],
            "par" => PushedAuthorizationTests.AuthorizationForm(ConfidentialClientId, RegisteredRedirectUri, PkcePair.Create()),
            _ => [new("token", "not-a-token")],
        };
        if (!basic)
        {
            form.AddRange([new("client_id", ConfidentialClientId), new("client_secret", ConfidentialClientSecret)]);
        }

        var (response, json) = await PostAsync(client, path, form, dpop: path == "token", basic ? SecretAuth : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AClientAssertionForTheTokenEndpointUrlIsRefused_OnlyTheIssuer_Fapi2Section5_3_2_1()
    {
        using var client = server.CreateClient();

        var (refused, json) = await PostAsync(client, "token", WithAssertion([new("grant_type", "client_credentials")], audience: server.Issuer + "/token"), dpop: true);
        var (accepted, _) = await PostAsync(client, "token", WithAssertion([new("grant_type", "client_credentials")]), dpop: true);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task AnAuthorizationRequestThatWasNotPushedIsRefused_Fapi2Section5_3_2_2()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();

        using var response = await client.GetAsync("authorize?" + SignInForm.AuthorizeQuery(FapiClientId, RegisteredRedirectUri, "read", "st", pkce), Ct);

        // The client and redirect URI are known good, so the refusal goes back to the client (RFC 6749 4.1.2.1).
        var location = response.Headers.Location ?? throw new InvalidOperationException("expected a redirect with the error");
        var query = OAuthHttp.ParseQuery(location);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("st", query["state"]);
    }

    [Fact]
    public async Task APushedRequestWithoutPkceIsRefused_Fapi2Section5_3_2_2()
    {
        using var client = server.CreateClient();
        var form = PushedAuthorizationTests.AuthorizationForm(FapiClientId, RegisteredRedirectUri, PkcePair.Create())
            .Where(p => !p.Key.StartsWith("code_challenge", StringComparison.Ordinal)).ToList();

        var (response, json) = await PushedAuthorizationTests.PushAsync(client, WithAssertion(form), auth: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task APushedRequestWithoutRedirectUriIsRefused_Fapi2Section5_3_2_2()
    {
        using var client = server.CreateClient();
        var form = PushedAuthorizationTests.AuthorizationForm(FapiClientId, RegisteredRedirectUri, PkcePair.Create())
            .Where(p => p.Key != "redirect_uri").ToList();

        var (response, json) = await PushedAuthorizationTests.PushAsync(client, WithAssertion(form), auth: null);

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

        var (response, json) = await PostAsync(client, "token", WithAssertion([new("grant_type", "password"), new("username", Username), new("password", Password)]), dpop: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MetadataAdvertisesOnlyWhatTheProfileAllows()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(".well-known/oauth-authorization-server", Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.True(json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.DoesNotContain("password", json.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["private_key_jwt"], json.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ES256", json.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
