using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Grants;

/// <summary>
/// RFC 8707 resource indicators through the whole server over the in-memory store: the parameter's grammar and bounds
/// (section 2), the client's registration, narrowing at the token endpoint (section 2.2), the audience the tokens
/// carry (JWT <c>aud</c>, stored with opaque tokens, introspection <c>aud</c>, RFC 7662 section 2.2) and the bearer
/// check of the audience.
/// </summary>
public sealed class ResourceIndicatorTests
{
    private const string Api = "https://api.example.com/";
    private const string Files = "https://files.example.com/v1";
    private const string Secret = "resource-client-secret-0000000000000000";
    private const string RedirectUri = "https://app.example.com/cb";

    private readonly FakeTimeProvider _time = new(Harness.Start);
    private readonly InMemoryStore _store;

    public ResourceIndicatorTests()
    {
        _store = new InMemoryStore(_time, Timeout.InfiniteTimeSpan);
        foreach (var client in Clients)
        {
            _store.SaveClientAsync(client, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    private static IReadOnlyList<OAuth2Client> Clients { get; } =
    [
        new()
        {
            Id = "app",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            RedirectUris = [RedirectUri],
            Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials, GrantTypes.Password, GrantTypes.DeviceCode],
            Resources = [Api, Files],
        },
        new()
        {
            Id = "plain",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            RedirectUris = [RedirectUri],
            Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
        },
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OAuth2Server NewServer(Action<OAuth2ServerOptions>? configure = null)
    {
        var options = new OAuth2ServerOptions { Issuer = Harness.Issuer, SecretHashIterations = 0, DeviceVerificationUri = "https://as.example.com/device" };
        options.GrantTypes.Add(GrantTypes.DeviceCode);
        configure?.Invoke(options);
        var policy = new StoreModelPolicy { GetUser = (u, p, _, _) => ValueTask.FromResult<OAuth2User?>(u == "alice" && p == "pw" ? Harness.Alice : null) };
        return new OAuth2Server(new StoreBackedModel(_store, policy), options, _time);
    }

    private static Task<OAuth2Result<Token>> TokenAsync(OAuth2Server server, string body, string clientId = "app")
        => server.TokenAsync(Requests.Token(body, Requests.Basic(clientId, Secret)), Ct).AsTask();

    private static string Resource(string uri) => "resource=" + Uri.EscapeDataString(uri);

    private static async Task<string> CodeAsync(OAuth2Server server, string extra, string clientId = "app")
    {
        var result = await server.AuthorizeAsync(
            Requests.AuthorizeGet($"response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=s{extra}"), Harness.Alice, Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value.Code;
    }

    private static string CodeRequest(string code) => $"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(RedirectUri)}";

    // RFC 8707 section 2: the parameter's grammar and bounds.

    [Theory]
    [InlineData("api.example.com")] // not absolute
    [InlineData("/relative/path")]
    [InlineData("https://api.example.com/#frag")] // a fragment
    [InlineData("https://api.example.com/#")]
    [InlineData("")]
    public async Task Rfc8707_s2_a_resource_that_is_not_an_absolute_uri_without_fragment_is_invalid_target(string resource)
    {
        var result = await TokenAsync(NewServer(), "grant_type=client_credentials&" + Resource(resource));

        Expect.TokenError(result, "invalid_target");
        Assert.Equal(ErrorIds.ResourceMalformed, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Rfc8707_s2_a_resource_longer_than_the_parameter_limit_is_refused_before_it_is_parsed()
    {
        var server = NewServer(o => o.MaxParameterLength = 100);
        var result = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Api + new string('a', 200)));

        Expect.TokenError(result, "invalid_request");
    }

    [Fact]
    public async Task Rfc8707_s2_more_resources_than_the_cap_is_invalid_target_before_any_is_read()
    {
        var server = NewServer(o => o.MaxResources = 3);
        var body = "grant_type=client_credentials&" + string.Join("&", Enumerable.Range(0, 4).Select(i => Resource($"https://r{i}.example.com/")));

        var result = await TokenAsync(server, body);

        Expect.TokenError(result, "invalid_target");
        Assert.Equal(ErrorIds.TooManyResources, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Rfc8707_s2_resource_is_the_one_parameter_that_may_repeat()
    {
        var result = await TokenAsync(NewServer(), $"grant_type=client_credentials&{Resource(Api)}&{Resource(Files)}&{Resource(Api)}");

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal([Api, Files], result.Value.Audience);

        var repeatedScope = await TokenAsync(NewServer(), "grant_type=client_credentials&scope=a&scope=b");
        Expect.TokenError(repeatedScope, "invalid_request");
    }

    [Fact]
    public async Task Rfc8707_s2_a_resource_the_client_is_not_registered_for_is_invalid_target()
    {
        var server = NewServer();
        var other = await TokenAsync(server, "grant_type=client_credentials&" + Resource("https://evil.example.com/"));
        var unregistered = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Api), "plain");

        Expect.TokenError(other, "invalid_target");
        Assert.Equal(ErrorIds.ResourceNotAllowed, other.Error!.ErrorId);
        Expect.TokenError(unregistered, "invalid_target");
    }

    // The audience the tokens carry.

    [Fact]
    public async Task Rfc8707_s2_client_credentials_token_is_stored_with_its_audience_and_introspection_answers_aud()
    {
        var server = NewServer();
        var one = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Api));
        var two = await TokenAsync(server, $"grant_type=client_credentials&{Resource(Api)}&{Resource(Files)}");
        var none = await TokenAsync(server, "grant_type=client_credentials");

        Assert.Equal([Api], (await _store.FindAccessTokenAsync(TokenDigest.Compute(one.Value!.AccessToken), Ct))!.Audience);
        Assert.Equal(Api, (await IntrospectAsync(server, one.Value.AccessToken)).GetProperty("aud").GetString());
        var both = await IntrospectAsync(server, two.Value!.AccessToken);
        Assert.Equal([Api, Files], both.GetProperty("aud").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.False((await IntrospectAsync(server, none.Value!.AccessToken)).TryGetProperty("aud", out _));
    }

    [Fact]
    public async Task Rfc8707_password_grant_accepts_resources_and_keeps_them_on_the_refresh_token()
    {
        var server = NewServer();
        var result = await TokenAsync(server, $"grant_type=password&username=alice&password=pw&{Resource(Files)}");

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal([Files], result.Value.Audience);
        Assert.Equal([Files], (await _store.FindRefreshTokenAsync(TokenDigest.Compute(result.Value.RefreshToken!), Ct))!.Resources);
    }

    [Fact]
    public async Task Rfc8707_s2_2_the_code_keeps_the_authorized_resources_and_the_token_request_may_narrow_them()
    {
        var server = NewServer();
        var code = await CodeAsync(server, $"&{Resource(Api)}&{Resource(Files)}");

        var token = await TokenAsync(server, CodeRequest(code) + "&" + Resource(Files));

        Assert.True(token.Succeeded, token.Error?.Description);
        Assert.Equal([Files], token.Value.Audience);
        // The refresh token keeps the whole grant, so a later refresh may ask for the other resource.
        var refresh = await _store.FindRefreshTokenAsync(TokenDigest.Compute(token.Value.RefreshToken!), Ct);
        Assert.Equal([Api, Files], refresh!.Resources);

        var refreshed = await TokenAsync(server, $"grant_type=refresh_token&refresh_token={token.Value.RefreshToken}&{Resource(Api)}");
        Assert.True(refreshed.Succeeded, refreshed.Error?.Description);
        Assert.Equal([Api], refreshed.Value.Audience);
        Assert.Equal([Api, Files], (await _store.FindRefreshTokenAsync(TokenDigest.Compute(refreshed.Value.RefreshToken!), Ct))!.Resources);

        // Without resource, a refresh gets the whole grant again.
        var whole = await TokenAsync(server, $"grant_type=refresh_token&refresh_token={refreshed.Value.RefreshToken}");
        Assert.Equal([Api, Files], whole.Value!.Audience);
    }

    [Fact]
    public async Task Rfc8707_s2_2_a_token_request_cannot_widen_what_the_code_was_granted_and_the_code_survives()
    {
        var server = NewServer();
        var code = await CodeAsync(server, "&" + Resource(Api));

        var widened = await TokenAsync(server, CodeRequest(code) + "&" + Resource(Files));

        Expect.TokenError(widened, "invalid_target");
        Assert.Equal(ErrorIds.ResourceNotGranted, widened.Error!.ErrorId);
        // Refused before redemption: the code still works for what it was granted.
        var token = await TokenAsync(server, CodeRequest(code));
        Assert.True(token.Succeeded, token.Error?.Description);
        Assert.Equal([Api], token.Value.Audience);
    }

    [Fact]
    public async Task Rfc8707_s2_2_a_code_without_resources_cannot_be_exchanged_for_one()
    {
        var server = NewServer();
        var code = await CodeAsync(server, string.Empty);

        var result = await TokenAsync(server, CodeRequest(code) + "&" + Resource(Api));

        Expect.TokenError(result, "invalid_target");
    }

    [Fact]
    public async Task Rfc8707_s2_2_a_refresh_cannot_widen_the_grant_and_the_refresh_token_stays_usable()
    {
        var server = NewServer();
        var first = await TokenAsync(server, $"grant_type=password&username=alice&password=pw&{Resource(Api)}");

        var widened = await TokenAsync(server, $"grant_type=refresh_token&refresh_token={first.Value!.RefreshToken}&{Resource(Files)}");

        Expect.TokenError(widened, "invalid_target");
        var again = await TokenAsync(server, $"grant_type=refresh_token&refresh_token={first.Value.RefreshToken}");
        Assert.True(again.Succeeded, again.Error?.Description);
    }

    [Fact]
    public async Task Rfc8707_s2_authorization_request_with_a_bad_or_unregistered_resource_is_redirected_invalid_target()
    {
        var server = NewServer();
        var query = $"response_type=code&client_id=app&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=xyz&";

        var malformed = await server.AuthorizeAsync(Requests.AuthorizeGet(query + Resource("https://api.example.com/#x")), Harness.Alice, Ct);
        var unregistered = await server.ValidateAuthorizeRequestAsync(Requests.AuthorizeGet(query + Resource("https://other.example.com/")), Ct);

        var error = Expect.RedirectedError(malformed, "invalid_target", RedirectUri);
        Assert.Equal("xyz", error.GetSingle("state"));
        Expect.RedirectedError(unregistered, "invalid_target", RedirectUri);
        Assert.Equal(ErrorIds.ResourceNotAllowed, unregistered.Error!.ErrorId);
    }

    [Fact]
    public async Task Rfc8707_validated_authorization_request_shows_the_resources()
    {
        var result = await NewServer().ValidateAuthorizeRequestAsync(
            Requests.AuthorizeGet($"response_type=code&client_id=app&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=s&{Resource(Files)}"), Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal([Files], result.Value.Resources);
    }

    [Fact]
    public async Task Rfc8707_device_authorization_keeps_the_resources_and_the_device_token_request_may_narrow_them()
    {
        var server = NewServer(o => o.DevicePollingInterval = TimeSpan.FromSeconds(1));
        var device = await server.DeviceAuthorizationAsync(
            Requests.Token($"{Resource(Api)}&{Resource(Files)}", Requests.Basic("app", Secret)), Ct);
        Assert.True(device.Succeeded, device.Error?.Description);
        var deviceCode = (string)device.Response.Body!["device_code"]!;
        var stored = await _store.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), Ct);
        Assert.Equal([Api, Files], stored!.Resources);

        var decided = await server.ApproveDeviceAuthorizationAsync((string)device.Response.Body["user_code"]!, Harness.Alice, cancellationToken: Ct);
        Assert.Equal(global::OAuth2.Devices.DeviceDecisionResult.Approved, decided);

        var widened = await TokenAsync(server, $"grant_type={Uri.EscapeDataString(GrantTypes.DeviceCode)}&device_code={deviceCode}&{Resource("https://x.example.com/")}");
        Expect.TokenError(widened, "invalid_target");

        var token = await TokenAsync(server, $"grant_type={Uri.EscapeDataString(GrantTypes.DeviceCode)}&device_code={deviceCode}&{Resource(Api)}");
        Assert.True(token.Succeeded, token.Error?.Description);
        Assert.Equal([Api], token.Value.Audience);
        Assert.Equal([Api, Files], (await _store.FindRefreshTokenAsync(TokenDigest.Compute(token.Value.RefreshToken!), Ct))!.Resources);
    }

    [Fact]
    public async Task Rfc8707_device_authorization_refuses_a_resource_the_client_is_not_registered_for()
    {
        var device = await NewServer().DeviceAuthorizationAsync(
            Requests.Token(Resource("https://other.example.com/"), Requests.Basic("app", Secret)), Ct);

        Expect.TokenError(device, "invalid_target");
    }

    // The bearer check of the audience (RFC 8707 section 2, RFC 9068 section 4).

    [Fact]
    public async Task Rfc8707_authenticate_refuses_a_token_for_another_resource_when_an_audience_is_configured()
    {
        var server = NewServer(o => o.ResourceServerAudience = Api);
        var forApi = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Api));
        var forFiles = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Files));
        var forBoth = await TokenAsync(server, $"grant_type=client_credentials&{Resource(Files)}&{Resource(Api)}");
        var unnamed = await TokenAsync(server, "grant_type=client_credentials");

        Assert.True((await AuthenticateAsync(server, forApi.Value!.AccessToken)).Succeeded);
        Assert.True((await AuthenticateAsync(server, forBoth.Value!.AccessToken)).Succeeded);
        // No resource named: the token gets the configured audience by default.
        Assert.Equal([Api], unnamed.Value!.Audience);
        Assert.True((await AuthenticateAsync(server, unnamed.Value.AccessToken)).Succeeded);
        var refused = await AuthenticateAsync(server, forFiles.Value!.AccessToken);
        Assert.False(refused.Succeeded);
        Assert.Equal("invalid_token", refused.Error.Error);
        Assert.Equal(401, refused.Response.StatusCode);
    }

    [Fact]
    public async Task Rfc8707_without_a_configured_audience_opaque_tokens_are_not_checked()
    {
        var server = NewServer();
        var forFiles = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Files));

        Assert.True((await AuthenticateAsync(server, forFiles.Value!.AccessToken)).Succeeded);
    }

    [Fact]
    public async Task Rfc9068_jwt_aud_is_the_resource_one_string_or_an_array_and_the_default_audience_without_one()
    {
        var key = global::OAuth2.Jwt.JwtSigningKey.FromEcdsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "k1");
        var server = NewServer(o => o.JwtAccessTokens = new global::OAuth2.Jwt.JwtAccessTokenOptions { SigningKey = key, Issuer = Harness.Issuer, Audience = "urn:default-api" });

        var one = await TokenAsync(server, "grant_type=client_credentials&" + Resource(Api));
        var two = await TokenAsync(server, $"grant_type=client_credentials&{Resource(Api)}&{Resource(Files)}");
        var none = await TokenAsync(server, "grant_type=client_credentials");

        Assert.Equal(JsonValueKind.String, Claims(one.Value!.AccessToken).GetProperty("aud").ValueKind);
        Assert.Equal(Api, Claims(one.Value.AccessToken).GetProperty("aud").GetString());
        Assert.Equal([Api, Files], Claims(two.Value!.AccessToken).GetProperty("aud").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal("urn:default-api", Claims(none.Value!.AccessToken).GetProperty("aud").GetString());

        // This server, as a resource server, is the default audience: a JWT for another resource is refused.
        Assert.True((await AuthenticateAsync(server, none.Value.AccessToken)).Succeeded);
        Assert.False((await AuthenticateAsync(server, one.Value.AccessToken)).Succeeded);
    }

    [Fact]
    public void Options_bounds_are_checked_at_construction()
    {
        Assert.Throws<InvalidArgumentException>(() => NewServer(o => o.MaxResources = 0));
        Assert.Throws<InvalidArgumentException>(() => NewServer(o => o.ResourceServerAudience = string.Empty));
    }

    private static JsonElement Claims(string jwt)
        => JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement.Clone();

    private static async Task<OAuth2Result<AccessToken>> AuthenticateAsync(OAuth2Server server, string token)
        => await server.AuthenticateAsync(Requests.Resource("Bearer " + token), null, Ct);

    private static async Task<JsonElement> IntrospectAsync(OAuth2Server server, string token)
    {
        var result = await server.IntrospectAsync(Requests.Token("token=" + token, Requests.Basic("app", Secret)), Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return JsonDocument.Parse(result.Response.GetJsonBody()).RootElement.Clone();
    }
}
