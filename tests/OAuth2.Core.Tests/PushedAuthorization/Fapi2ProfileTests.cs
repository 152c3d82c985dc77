using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.PushedAuthorization;

/// <summary>
/// <see cref="SecurityProfile.Fapi2"/>: the FAPI 2.0 Security Profile's authorization server requirements (section
/// 5.3.2), one test per rule the switch enforces, at start-up or per request. The client the profile accepts is
/// <c>kc</c>: confidential, <c>private_key_jwt</c> with the issuer as the assertion's audience, DPoP proofs with every
/// token request.
/// </summary>
public sealed class Fapi2ProfileTests
{
    private const string KeyClientId = "kc";
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly JoseTestKit _clientKey = JoseTestKit.Es256("kc-1");
    private readonly DpopProofs _dpop = DpopProofs.Es256();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ParKit Fapi(Action<OAuth2ServerOptions>? configure = null) => Kit(o =>
    {
        o.Profile = SecurityProfile.Fapi2;
        configure?.Invoke(o);
    });

    private ParKit Kit(Action<OAuth2ServerOptions>? configure = null)
    {
        var kit = new ParKit(o =>
        {
            // What the DI registration sets: replay caches for proofs and assertions; the device grant to reach its endpoint.
            o.Dpop.ReplayCache = new InMemoryReplayCache();
            o.ClientAssertions.ReplayCache = new InMemoryReplayCache();
            o.GrantTypes.Add(GrantTypes.DeviceCode);
            o.DeviceVerificationUri = ParKit.Issuer + "/device";
            configure?.Invoke(o);
        });
        kit.Store.SaveClientAsync(
            new OAuth2Client
            {
                Id = KeyClientId,
                TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
                Jwks = _clientKey.JwkSetJson(),
                Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials, GrantTypes.DeviceCode, GrantTypes.Password],
                RedirectUris = [TestClients.RedirectUri],
            },
            CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return kit;
    }

    /// <summary>The client authentication parameters of a fresh <c>private_key_jwt</c> assertion for kc.</summary>
    private string Assertion(ParKit kit, object? audience = null)
    {
        var now = kit.Time.GetUtcNow();
        var jwt = _clientKey.Sign(new Dictionary<string, object?>
        {
            ["iss"] = KeyClientId,
            ["sub"] = KeyClientId,
            ["aud"] = audience ?? ParKit.Issuer,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddSeconds(60).ToUnixTimeSeconds(),
        });
        return "&client_assertion_type=" + Uri.EscapeDataString(AssertionType) + "&client_assertion=" + jwt;
    }

    /// <summary>A token request at <see cref="DpopProofs.TokenUrl"/>, with a DPoP proof unless <paramref name="proof"/> is false.</summary>
    private OAuth2Request TokenRequest(string body, bool proof = true, string? authorization = null)
    {
        var request = Requests.Token(body, authorization) with { Path = "/token", Url = DpopProofs.TokenUrl };
        if (!proof)
        {
            return request;
        }

        var headers = request.Headers.SelectMany(h => h.Value.Select(v => (h.Key, v))).Append(("DPoP", _dpop.Proof(url: DpopProofs.TokenUrl))).ToArray();
        return request with { Headers = Requests.Headers(headers) };
    }

    private async Task<string> PushedUriAsync(ParKit kit)
    {
        var pushed = await kit.PushAsync(ParKit.Request(clientId: KeyClientId) + Assertion(kit));
        Assert.True(pushed.Succeeded, pushed.Error?.Description);
        return (string)pushed.Response.Body!["request_uri"]!;
    }

    private async Task<string> CodeAsync(ParKit kit)
    {
        var issued = await kit.ApproveAsync(ParKit.ByReference(await PushedUriAsync(kit), KeyClientId) + "&allowed=true");
        Assert.True(issued.Succeeded, issued.Error?.Description);
        return issued.Value!.Code;
    }

    private static string CodeRedemption(string code)
        => $"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(TestClients.RedirectUri)}&code_verifier={ParKit.Verifier}";

    [Fact]
    public void StartUp_refuses_a_server_without_an_issuer_5_3_2_1()
        => Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.Issuer = null));

    [Fact]
    public void StartUp_refuses_a_grant_without_client_authentication_5_3_2_1()
        => Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.RequireClientAuthentication[GrantTypes.AuthorizationCode] = false));

    [Theory]
    [InlineData(4)]
    [InlineData(601)]
    public void StartUp_refuses_a_request_uri_lifetime_outside_5_to_600_seconds_5_3_2_2(int seconds)
        => Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.PushedAuthorizationRequestLifetime = TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void StartUp_refuses_the_profile_with_DPoP_switched_off_sender_constrained_tokens_5_3_2_1()
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.Dpop.Enabled = false));

        Assert.Contains("Dpop.Enabled", error.Message, StringComparison.Ordinal);
        Kit(o => o.Dpop.Enabled = false); // the same options without the profile start
    }

    [Fact]
    public void StartUp_refuses_the_profile_without_replay_caches_5_3_2_1()
    {
        Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.Dpop.ReplayCache = null));
        Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.ClientAssertions.ReplayCache = null));
    }

    [Fact]
    public void StartUp_refuses_extra_client_assertion_audiences_5_3_2_1()
        => Assert.Throws<InvalidArgumentException>(() => Fapi(o => o.ClientAssertions.Audiences.Add(ParKit.Issuer + "/token")));

    [Fact]
    public async Task Every_authorization_request_must_be_pushed_5_3_2_2()
    {
        var kit = Fapi();

        var direct = await kit.ValidateAsync(ParKit.Request(clientId: KeyClientId));
        var pushed = await kit.ValidateAsync(ParKit.ByReference(await PushedUriAsync(kit), KeyClientId));

        Expect.RedirectedError(direct, "invalid_request");
        Assert.Equal(ErrorIds.PushedAuthorizationRequired, direct.Error!.ErrorId);
        Assert.True(pushed.Succeeded, pushed.Error?.Description);
    }

    [Fact]
    public async Task Pkce_with_S256_is_required_even_of_confidential_clients_and_plain_is_refused_5_3_2_2()
    {
        var kit = Fapi(o => o.EnablePlainPkce = true);
        var withoutPkce = ParKit.Request(clientId: KeyClientId).Split("&code_challenge=")[0];

        var none = await kit.PushAsync(withoutPkce + Assertion(kit));
        var plain = await kit.PushAsync(ParKit.Request(clientId: KeyClientId).Replace("S256", "plain", StringComparison.Ordinal) + Assertion(kit));

        Assert.Equal(ErrorIds.CodeChallengeMissing, none.Error!.ErrorId);
        Assert.Equal(ErrorIds.PlainPkceNotAllowed, plain.Error!.ErrorId);
    }

    [Fact]
    public async Task The_pushed_request_must_name_its_redirect_uri_5_3_2_2()
    {
        var kit = Fapi();
        var withoutRedirect = ParKit.Request(clientId: KeyClientId).Replace("&redirect_uri=" + Uri.EscapeDataString(TestClients.RedirectUri), string.Empty, StringComparison.Ordinal);

        var result = await kit.PushAsync(withoutRedirect + Assertion(kit));

        Expect.TokenError(result, "invalid_request");
        Assert.Equal(ErrorIds.ProfileViolation, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Public_clients_are_refused_at_every_endpoint_5_3_2_1()
    {
        var kit = Fapi();

        var push = await kit.PushAsync(ParKit.Request(clientId: "pub1"));
        var token = await kit.Server.TokenAsync(TokenRequest("grant_type=refresh_token&client_id=pub1&refresh_token=x"), Ct);

        Expect.TokenError(push, "invalid_client", 401);
        Assert.Equal(ErrorIds.ProfileViolation, push.Error!.ErrorId);
        Assert.Equal(ErrorIds.ProfileViolation, token.Error!.ErrorId);
    }

    public static TheoryData<string, bool> SecretEndpoints => new()
    {
        { "token", true }, { "token", false },
        { "revoke", true }, { "revoke", false },
        { "introspect", true }, { "introspect", false },
        { "device_authorization", true }, { "device_authorization", false },
        { "par", true }, { "par", false },
    };

    [Theory]
    [MemberData(nameof(SecretEndpoints))]
    public async Task Client_secret_authentication_is_refused_at_every_endpoint_private_key_jwt_only_5_3_2_1(string endpoint, bool basic)
    {
        var kit = Fapi();
        var (body, authorization) = basic
            ? (string.Empty, ParKit.Basic)
            : ("&client_id=c1&client_secret=" + TestClients.Secret, null);

        var error = await CallAsync(kit, endpoint, body, authorization);

        Assert.Equal(InvalidClientException.Code, error?.Error);
        Assert.Equal(ErrorIds.ProfileClientSecretNotAllowed, error!.ErrorId);
    }

    [Fact]
    public async Task Client_secret_authentication_is_refused_alike_for_an_unknown_client_5_3_2_1()
    {
        var kit = Fapi();

        var known = await CallAsync(kit, "token", string.Empty, ParKit.Basic);
        var unknown = await CallAsync(kit, "token", string.Empty, Requests.Basic("nobody", "guess"));

        Assert.Equal(ErrorIds.ProfileClientSecretNotAllowed, unknown!.ErrorId);
        Assert.Equal(known!.Description, unknown.Description);
    }

    [Fact]
    public async Task Without_the_profile_client_secret_authentication_still_works()
    {
        var kit = Kit();

        Assert.Null(await CallAsync(kit, "token", string.Empty, ParKit.Basic));
        Assert.Null(await CallAsync(kit, "par", string.Empty, ParKit.Basic));
    }

    [Theory]
    [InlineData("token")]
    [InlineData("revoke")]
    [InlineData("introspect")]
    [InlineData("device_authorization")]
    [InlineData("par")]
    public async Task A_private_key_jwt_assertion_for_the_issuer_authenticates_at_every_endpoint_5_3_2_1(string endpoint)
    {
        var kit = Fapi();

        Assert.Null(await CallAsync(kit, endpoint, Assertion(kit), authorization: null));
    }

    [Fact]
    public async Task The_client_assertion_audience_is_the_issuer_as_a_string_5_3_2_1()
    {
        var kit = Fapi();

        var tokenEndpoint = await CallAsync(kit, "token", Assertion(kit, ParKit.Issuer + "/token"), authorization: null);
        var inArray = await CallAsync(kit, "token", Assertion(kit, new[] { ParKit.Issuer }), authorization: null);
        var withOther = await CallAsync(kit, "token", Assertion(kit, new[] { ParKit.Issuer, "https://elsewhere.example" }), authorization: null);
        var issuer = await CallAsync(kit, "token", Assertion(kit, ParKit.Issuer), authorization: null);

        Assert.All(new[] { tokenEndpoint, inArray, withOther }, e => Assert.Equal(ErrorIds.ClientAssertionClaimsInvalid, e?.ErrorId));
        Assert.Null(issuer);
    }

    [Fact]
    public async Task Without_the_profile_the_token_endpoint_url_is_still_an_accepted_audience_rfc7523_3()
    {
        var kit = Kit();

        Assert.Null(await CallAsync(kit, "token", Assertion(kit, ParKit.Issuer + "/token"), authorization: null));
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("authorization_code")]
    public async Task A_token_request_without_a_DPoP_proof_is_refused_sender_constrained_tokens_5_3_2_1(string grant)
    {
        var kit = Fapi();
        var body = grant == "client_credentials" ? "grant_type=client_credentials" : CodeRedemption(await CodeAsync(kit));

        var result = await kit.Server.TokenAsync(TokenRequest(body + Assertion(kit), proof: false), Ct);

        Expect.TokenError(result, InvalidDpopProofException.Code);
        Assert.Equal(ErrorIds.DpopProofRequired, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Without_the_profile_a_token_request_without_a_proof_gets_a_bearer_token()
    {
        var kit = Kit();

        var result = await kit.Server.TokenAsync(TokenRequest("grant_type=client_credentials" + Assertion(kit), proof: false), Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Null(result.Value!.JwkThumbprint);
    }

    [Fact]
    public async Task Every_access_token_is_DPoP_bound_code_and_refresh_5_3_2_1()
    {
        var kit = Fapi();

        var tokens = await kit.Server.TokenAsync(TokenRequest(CodeRedemption(await CodeAsync(kit)) + Assertion(kit)), Ct);
        Assert.True(tokens.Succeeded, tokens.Error?.Description);
        var refreshed = await kit.Server.TokenAsync(TokenRequest($"grant_type=refresh_token&refresh_token={tokens.Value!.RefreshToken}" + Assertion(kit)), Ct);

        Assert.True(refreshed.Succeeded, refreshed.Error?.Description);
        foreach (var result in new[] { tokens, refreshed })
        {
            Assert.Equal("DPoP", result.Response.Body!["token_type"]);
            Assert.Equal(_dpop.Thumbprint, result.Value!.JwkThumbprint);
        }
    }

    [Fact]
    public void Metadata_advertises_only_private_key_jwt_DPoP_and_required_PAR_5_3_2_1()
    {
        var kit = Fapi();

        var metadata = kit.Server.GetMetadata(new MetadataEndpoints
        {
            Issuer = new Uri(ParKit.Issuer),
            Token = new Uri(ParKit.Issuer + "/token"),
            Authorization = new Uri(ParKit.Issuer + "/authorize"),
            Revocation = new Uri(ParKit.Issuer + "/revoke"),
            Introspection = new Uri(ParKit.Issuer + "/introspect"),
            PushedAuthorization = new Uri(ParKit.Issuer + "/par"),
        });

        foreach (var member in new[] { "token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported" })
        {
            Assert.Equal([TokenEndpointAuthMethods.PrivateKeyJwt], (string[])metadata[member]!);
        }

        Assert.Contains("ES256", (string[])metadata["dpop_signing_alg_values_supported"]!);
        Assert.Equal(true, metadata["require_pushed_authorization_requests"]);
        Assert.Equal(["S256"], (string[])metadata["code_challenge_methods_supported"]!);
    }

    [Fact]
    public void Without_the_profile_metadata_keeps_the_secret_methods()
    {
        var kit = Kit();

        var metadata = kit.Server.GetMetadata(new MetadataEndpoints { Issuer = new Uri(ParKit.Issuer), Token = new Uri(ParKit.Issuer + "/token") });

        Assert.Contains("client_secret_basic", (string[])metadata["token_endpoint_auth_methods_supported"]!);
    }

    [Fact]
    public async Task Authorization_codes_live_at_most_60_seconds_5_3_2_1()
    {
        var kit = Fapi(o => o.AuthorizationCodeLifetime = TimeSpan.FromMinutes(10));

        var code = await CodeAsync(kit);

        var saved = await kit.Store.FindAuthorizationCodeAsync(TokenDigest.Compute(code), Ct);
        Assert.Equal(Harness.Start.AddSeconds(60), saved!.ExpiresAt);
    }

    [Fact]
    public async Task The_password_grant_is_refused_5_3_2_1()
    {
        var kit = Fapi();

        var result = await kit.Server.TokenAsync(TokenRequest("grant_type=password&username=a&password=b" + Assertion(kit)), Ct);

        Expect.TokenError(result, "unsupported_grant_type");
    }

    [Fact]
    public async Task The_authorization_response_carries_iss_rfc9207_5_3_2_2()
    {
        var kit = Fapi();
        var reference = ParKit.ByReference(await PushedUriAsync(kit), KeyClientId);

        var issued = await kit.ApproveAsync(reference + "&allowed=true");

        Assert.Equal(ParKit.Issuer, Requests.QueryOf(issued.Response.RedirectLocation).GetSingle("iss"));
    }

    [Fact]
    public async Task Refresh_tokens_are_not_rotated_5_3_2_1()
    {
        var kit = Fapi();
        var tokens = await kit.Server.TokenAsync(TokenRequest(CodeRedemption(await CodeAsync(kit)) + Assertion(kit)), Ct);
        var refresh = tokens.Value!.RefreshToken!;

        var first = await kit.Server.TokenAsync(TokenRequest($"grant_type=refresh_token&refresh_token={refresh}" + Assertion(kit)), Ct);
        var second = await kit.Server.TokenAsync(TokenRequest($"grant_type=refresh_token&refresh_token={refresh}" + Assertion(kit)), Ct);

        Assert.True(first.Succeeded, first.Error?.Description);
        Assert.True(second.Succeeded, second.Error?.Description);
    }

    [Fact]
    public async Task Without_the_profile_a_direct_request_and_the_password_grant_still_work()
    {
        var kit = new ParKit();

        Assert.True((await kit.ValidateAsync(ParKit.Request())).Succeeded);
        var password = await kit.Server.TokenAsync(Requests.Token("grant_type=password&username=a&password=b", ParKit.Basic), Ct);
        Assert.NotEqual("unsupported_grant_type", password.Error?.Error);
    }

    /// <summary>Calls one client-authenticating endpoint; the error it answered, or <c>null</c> on success.</summary>
    private async Task<OAuth2Exception?> CallAsync(ParKit kit, string endpoint, string authentication, string? authorization)
    {
        var server = kit.Server;
        OAuth2Request Form(string body) => TokenRequest(body.TrimStart('&'), proof: endpoint == "token", authorization) with { Path = "/" + endpoint };
        return endpoint switch
        {
            "token" => (await server.TokenAsync(Form("grant_type=client_credentials" + authentication), Ct)).Error,
            "revoke" => (await server.RevokeAsync(Form("token=unknown" + authentication), Ct)).Error,
            "introspect" => (await server.IntrospectAsync(Form("token=unknown" + authentication), Ct)).Error,
            "device_authorization" => (await server.DeviceAuthorizationAsync(Form(authentication), Ct)).Error,
            // The pushed request names its client itself: kc for an assertion, c1 otherwise (not repeated by a form secret).
            "par" => (await server.PushedAuthorizationAsync(
                Form(authentication.Contains("client_assertion", StringComparison.Ordinal)
                    ? ParKit.Request(clientId: KeyClientId) + authentication
                    : ParKit.Request() + authentication.Replace("&client_id=c1", string.Empty, StringComparison.Ordinal)),
                Ct)).Error,
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
    }
}
