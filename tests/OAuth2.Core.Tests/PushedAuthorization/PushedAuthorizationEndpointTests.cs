using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Storage;

namespace OAuth2.Core.Tests.PushedAuthorization;

/// <summary>RFC 9126: the pushed authorization request endpoint and the authorization endpoint's <c>request_uri</c>.</summary>
public sealed class PushedAuthorizationEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Section2_2_answers_201_with_a_urn_request_uri_of_256_random_bits_and_its_lifetime()
    {
        var kit = new ParKit();

        var result = await kit.PushAsync(ParKit.Request(), ParKit.Basic);

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(201, result.Response.StatusCode);
        Expect.NoStore(result.Response);
        var requestUri = (string)result.Response.Body!["request_uri"]!;
        Assert.Matches("^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$", requestUri);
        Assert.Equal(60L, result.Response.Body["expires_in"]);
        Assert.Equal(["read"], result.Value!.Scope);
    }

    [Fact]
    public async Task Section2_2_only_a_digest_of_the_request_uri_reaches_the_store_and_no_credential_is_kept()
    {
        var kit = new ParKit();

        var pushed = await kit.PushAsync(ParKit.Request() + "&client_secret=" + TestClients.Secret);
        Assert.True(pushed.Succeeded, pushed.Error?.Description);
        var requestUri = (string)pushed.Response.Body!["request_uri"]!;

        var saved = await kit.Store.FindPushedAuthorizationAsync(TokenDigest.Compute(requestUri), Ct);
        Assert.NotNull(saved);
        Assert.Equal("c1", saved.ClientId);
        Assert.Equal(Harness.Start.AddSeconds(60), saved.ExpiresAt);
        Assert.False(saved.Parameters.ContainsKey("client_secret"));
        Assert.Equal("st", saved.Parameters["state"]);
    }

    [Fact]
    public async Task Section2_1_a_request_uri_inside_a_pushed_request_is_refused()
    {
        var kit = new ParKit();

        var result = await kit.PushAsync(ParKit.Request(extra: "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax"), ParKit.Basic);

        Expect.TokenError(result, "invalid_request");
        Assert.Equal(ErrorIds.PushedRequestUriNotAllowed, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Section2_1_the_pushed_request_meets_the_authorization_endpoints_own_rules()
    {
        var kit = new ParKit();

        // One rule in one place: the same error ids the authorization endpoint gives.
        var plain = await kit.PushAsync(ParKit.Request().Replace("S256", "plain", StringComparison.Ordinal), ParKit.Basic);
        var wrongRedirect = await kit.PushAsync(ParKit.Request().Replace("client.example.com", "evil.example.com", StringComparison.Ordinal), ParKit.Basic);
        var noState = await kit.PushAsync(ParKit.Request().Replace("&state=st", string.Empty, StringComparison.Ordinal), ParKit.Basic);
        var badType = await kit.PushAsync(ParKit.Request().Replace("response_type=code", "response_type=token", StringComparison.Ordinal), ParKit.Basic);

        Assert.Equal(ErrorIds.PlainPkceNotAllowed, plain.Error!.ErrorId);
        Expect.TokenError(wrongRedirect, "invalid_request");
        Assert.Equal(ErrorIds.RedirectUriMismatch, wrongRedirect.Error!.ErrorId);
        Expect.TokenError(noState, "invalid_request");
        Expect.TokenError(badType, "unsupported_response_type");
    }

    [Fact]
    public async Task Section2_a_confidential_client_authenticates_as_at_the_token_endpoint_and_a_public_one_sends_its_id()
    {
        var kit = new ParKit();

        Expect.TokenError(await kit.PushAsync(ParKit.Request()), "invalid_client", 401);
        Expect.TokenError(await kit.PushAsync(ParKit.Request(), Requests.Basic("c1", "wrong")), "invalid_client", 401);
        Assert.True((await kit.PushAsync(ParKit.Request() + "&client_secret=" + TestClients.Secret)).Succeeded);
        Assert.True((await kit.PushAsync(ParKit.Request(clientId: "pub1"))).Succeeded);
    }

    [Fact]
    public async Task Section2_1_with_basic_authentication_the_client_id_may_be_left_out_but_must_match_when_sent()
    {
        var kit = new ParKit();

        var withoutId = await kit.PushAsync(ParKit.Request().Replace("client_id=c1&", string.Empty, StringComparison.Ordinal), ParKit.Basic);
        var otherId = await kit.PushAsync(ParKit.Request(clientId: "c2"), ParKit.Basic);

        Assert.True(withoutId.Succeeded, withoutId.Error?.Description);
        Assert.Equal("c1", withoutId.Value!.Client.Id);
        Expect.TokenError(otherId, "invalid_request");
    }

    [Fact]
    public async Task Section4_the_authorization_endpoint_uses_the_pushed_parameters_and_ignores_the_rest()
    {
        var kit = new ParKit();
        var requestUri = await kit.PushedUriAsync();

        var result = await kit.ValidateAsync(ParKit.ByReference(requestUri) + "&scope=admin&state=evil&redirect_uri=https%3A%2F%2Fevil.example.com%2Fcb");

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(["read"], result.Value!.Scope);
        Assert.Equal("st", result.Value.State);
        Assert.Equal(TestClients.RedirectUri, result.Value.RedirectUri);
        Assert.Equal(ParKit.Challenge, result.Value.CodeChallenge);
    }

    [Fact]
    public async Task Section4_the_request_uri_may_be_reloaded_until_the_code_is_issued_then_it_is_used()
    {
        var kit = new ParKit();
        var requestUri = await kit.PushedUriAsync();
        var reference = ParKit.ByReference(requestUri);

        Assert.True((await kit.ValidateAsync(reference)).Succeeded);
        Assert.True((await kit.ValidateAsync(reference)).Succeeded); // the user reloads the consent page
        var issued = await kit.ApproveAsync(reference + "&allowed=true");
        var replay = await kit.ValidateAsync(reference);
        var secondCode = await kit.ApproveAsync(reference + "&allowed=true");

        Assert.True(issued.Succeeded, issued.Error?.Description);
        Expect.NotRedirected(replay, "invalid_request_uri");
        Assert.Equal(ErrorIds.RequestUriUsed, replay.Error!.ErrorId);
        Expect.NotRedirected(secondCode, "invalid_request_uri");
        var saved = await kit.Store.FindPushedAuthorizationAsync(TokenDigest.Compute(requestUri), Ct);
        Assert.Equal(Harness.Start, saved!.ConsumedAt);
    }

    [Fact]
    public async Task Section4_concurrent_consents_on_one_request_uri_issue_exactly_one_code()
    {
        var kit = new ParKit();
        var reference = ParKit.ByReference(await kit.PushedUriAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => kit.ApproveAsync(reference + "&allowed=true"), Ct)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorIds.RequestUriUsed, r.Error!.ErrorId));
    }

    [Fact]
    public async Task Section4_a_denial_completes_the_authorization_too()
    {
        var kit = new ParKit();
        var reference = ParKit.ByReference(await kit.PushedUriAsync());

        var denied = await kit.ApproveAsync(reference + "&allowed=false");
        var after = await kit.ValidateAsync(reference);

        Expect.RedirectedError(denied, "access_denied", status: 303);
        Assert.Equal(ErrorIds.RequestUriUsed, after.Error!.ErrorId);
    }

    [Fact]
    public async Task Section4_an_expired_request_uri_is_refused()
    {
        var kit = new ParKit();
        var reference = ParKit.ByReference(await kit.PushedUriAsync());

        kit.Time.Advance(TimeSpan.FromSeconds(60));
        var result = await kit.ValidateAsync(reference);

        Expect.NotRedirected(result, "invalid_request_uri");
    }

    [Theory]
    [InlineData("c2")]
    [InlineData("pub1")]
    public async Task Section4_another_clients_request_uri_is_unknown(string clientId)
    {
        var kit = new ParKit();
        var requestUri = await kit.PushedUriAsync();

        var result = await kit.ValidateAsync(ParKit.ByReference(requestUri, clientId));

        Expect.NotRedirected(result, "invalid_request_uri");
        Assert.Equal(ErrorIds.RequestUriInvalid, result.Error!.ErrorId);
    }

    [Theory]
    [InlineData("https://client.example.com/request.jwt")]
    [InlineData("urn:ietf:params:oauth:request_uri:unknown")]
    public async Task Section4_a_request_uri_this_server_did_not_issue_is_refused(string requestUri)
    {
        var kit = new ParKit();

        var result = await kit.ValidateAsync(ParKit.ByReference(requestUri));

        Expect.NotRedirected(result, "invalid_request_uri");
    }

    [Fact]
    public async Task Section6_a_client_that_requires_pushed_requests_is_refused_without_one()
    {
        var kit = new ParKit();
        await kit.Store.SaveClientAsync(TestClients.Confidential with { RequirePushedAuthorizationRequests = true }, Ct);

        var direct = await kit.ValidateAsync(ParKit.Request());
        var pushed = await kit.ValidateAsync(ParKit.ByReference(await kit.PushedUriAsync()));
        var other = await kit.ValidateAsync(ParKit.Request(clientId: "c2").Replace("client.example.com", "other.example.com", StringComparison.Ordinal));

        Expect.RedirectedError(direct, "invalid_request");
        Assert.Equal(ErrorIds.PushedAuthorizationRequired, direct.Error!.ErrorId);
        Assert.True(pushed.Succeeded, pushed.Error?.Description);
        Assert.True(other.Succeeded, other.Error?.Description);
    }

    [Fact]
    public async Task Section5_the_server_option_requires_pushed_requests_of_every_client_and_metadata_says_so()
    {
        var kit = new ParKit(o => o.RequirePushedAuthorizationRequests = true);

        var direct = await kit.ValidateAsync(ParKit.Request(clientId: "c2").Replace("client.example.com", "other.example.com", StringComparison.Ordinal));
        var metadata = kit.Server.GetMetadata(new global::OAuth2.Handlers.MetadataEndpoints
        {
            Issuer = new Uri(ParKit.Issuer),
            Token = new Uri(ParKit.Issuer + "/token"),
            Authorization = new Uri(ParKit.Issuer + "/authorize"),
            PushedAuthorization = new Uri(ParKit.Issuer + "/par"),
        });

        Assert.Equal(ErrorIds.PushedAuthorizationRequired, direct.Error!.ErrorId);
        Assert.Equal(ParKit.Issuer + "/par", metadata["pushed_authorization_request_endpoint"]);
        Assert.Equal(true, metadata["require_pushed_authorization_requests"]);
    }

    [Fact]
    public async Task Without_a_pushed_authorization_store_the_endpoint_refuses_and_requiring_it_fails_at_start_up()
    {
        var kit = new ParKit(withPushedStore: false);

        Expect.TokenError(await kit.PushAsync(ParKit.Request(), ParKit.Basic), "invalid_request");
        Expect.NotRedirected(await kit.ValidateAsync(ParKit.ByReference("urn:ietf:params:oauth:request_uri:x")), "invalid_request_uri");
        var error = Assert.Throws<InvalidArgumentException>(() => new ParKit(o => o.RequirePushedAuthorizationRequests = true, withPushedStore: false));
        Assert.Contains("SavePushedAuthorizationAsync", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void The_request_uri_lifetime_is_checked_at_start_up(int seconds)
        => Assert.Throws<InvalidArgumentException>(() => new ParKit(o => o.PushedAuthorizationRequestLifetime = TimeSpan.FromSeconds(seconds)));
}
