using System.Security.Cryptography;
using System.Text.Json;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Jwt;
using OAuth2.Model;
using OAuth2.Storage;
using OAuth2.TokenExchange;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.TokenExchange;

/// <summary>Token exchange (RFC 8693) over a real store-backed model: each test names the section it checks.</summary>
public sealed class TokenExchangeGrantTests
{
    private readonly ExchangeFixture _f = new();

    private static void Refused(OAuth2Result<Token> result, string error, string errorId)
    {
        Expect.TokenError(result, error);
        Assert.Equal(errorId, result.Error!.ErrorId);
    }

    [Fact]
    public void Section5_enabling_the_grant_without_a_policy_fails_at_start_up()
    {
        var options = new OAuth2ServerOptions { Issuer = Harness.Issuer, GrantTypes = new HashSet<string> { GrantTypes.TokenExchange } };
        var model = new StoreBackedModel(_f.Store);
        var error = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(model, options));
        Assert.Contains("AuthorizeExchangeAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section5_a_default_decision_denies_and_saves_nothing()
    {
        var subject = await _f.AliceTokenAsync();
        _f.Policy = (_, _) => ValueTask.FromResult(new TokenExchangeDecision());
        var result = await _f.ExchangeAsync(subject.AccessToken);
        Refused(result, "invalid_request", ErrorIds.TokenExchangeDenied);
        Assert.Single(_f.Requests);
    }

    [Fact]
    public async Task Section2_1_impersonation_issues_an_access_token_for_the_subject_without_act()
    {
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(subject.AccessToken);
        Assert.True(result.Succeeded, result.Error?.Description);
        var body = result.Response.Body!;
        Assert.Equal(TokenTypeIdentifiers.AccessToken, body["issued_token_type"]);
        Assert.Equal("Bearer", body["token_type"]);
        Assert.Equal(3600L, body["expires_in"]);
        Assert.False(body.ContainsKey("refresh_token"));
        Assert.NotEqual(subject.AccessToken, body["access_token"]);

        var seen = Assert.Single(_f.Requests);
        Assert.Equal("alice", seen.Subject.User.Id);
        Assert.Equal("app", seen.Subject.ClientId);
        Assert.Null(seen.Actor);

        var introspection = await _f.IntrospectAsync(result.Value.AccessToken);
        Assert.True(introspection.Active);
        Assert.Equal("alice", introspection.Subject);
        Assert.Equal("svc", introspection.ClientId);
        Assert.Equal([ExchangeFixture.Audience], introspection.Audience);
        Assert.Null(introspection.Actor);
    }

    [Fact]
    public async Task Section2_1_scope_defaults_to_the_subject_token_scope()
    {
        var subject = await _f.AliceTokenAsync("read write");
        var result = await _f.ExchangeAsync(subject.AccessToken);
        Assert.Equal(["read", "write"], result.Value!.Scope);
    }

    [Fact]
    public async Task Section2_1_a_requested_scope_wider_than_the_subject_token_is_invalid_scope()
    {
        var subject = await _f.AliceTokenAsync("read");
        var result = await _f.ExchangeAsync(subject.AccessToken, "&scope=read%20admin");
        Refused(result, "invalid_scope", ErrorIds.TokenExchangeScopeWidened);
        Assert.Empty(_f.Requests);
    }

    [Fact]
    public async Task Section5_the_client_registered_scope_caps_the_exchanged_token()
    {
        var subject = await _f.AliceTokenAsync("read write");
        var result = await _f.ExchangeAsync(subject.AccessToken, clientId: ExchangeFixture.ReadOnlyService.Id);
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(["read"], result.Value.Scope);
        var widened = await _f.ExchangeAsync(subject.AccessToken, "&scope=write", clientId: ExchangeFixture.ReadOnlyService.Id);
        Refused(widened, "invalid_scope", ErrorIds.TokenExchangeScopeWidened);
    }

    [Fact]
    public async Task Section5_a_policy_answering_a_wider_scope_cannot_widen_the_token()
    {
        var subject = await _f.AliceTokenAsync("read");
        _f.Policy = (_, _) => ValueTask.FromResult(TokenExchangeDecision.Allow([ExchangeFixture.Audience], ["read", "write", "admin"]));
        var result = await _f.ExchangeAsync(subject.AccessToken);
        Assert.Equal(["read"], result.Value!.Scope);
    }

    [Fact]
    public async Task Section5_a_policy_may_narrow_the_scope()
    {
        var subject = await _f.AliceTokenAsync("read write");
        _f.Policy = (request, _) => ValueTask.FromResult(TokenExchangeDecision.Allow([ExchangeFixture.Audience], ["write"]));
        var result = await _f.ExchangeAsync(subject.AccessToken);
        Assert.Equal(["write"], result.Value!.Scope);
        Assert.Equal("write", result.Response.Body!["scope"]);
    }

    [Fact]
    public async Task Section4_1_delegation_records_the_actor_in_act()
    {
        var subject = await _f.AliceTokenAsync();
        var actor = await _f.ClientTokenAsync("svc");
        var result = await _f.ExchangeAsync(subject.AccessToken, ExchangeFixture.Actor(actor));
        Assert.True(result.Succeeded, result.Error?.Description);

        var seen = Assert.Single(_f.Requests);
        Assert.Equal("svc", seen.Actor!.User.Id);
        var introspection = await _f.IntrospectAsync(result.Value.AccessToken);
        Assert.Equal("alice", introspection.Subject);
        Assert.Equal(new TokenActor("svc") { ClientId = "svc" }, introspection.Actor);

        var json = await _f.IntrospectJsonAsync(result.Value.AccessToken);
        Assert.Equal("svc", json.GetProperty("act").GetProperty("sub").GetString());
        Assert.False(json.GetProperty("act").TryGetProperty("act", out _));
    }

    [Fact]
    public async Task Section4_1_a_chain_nests_the_prior_actor()
    {
        var subject = await _f.AliceTokenAsync();
        var first = await _f.ExchangeAsync(subject.AccessToken, ExchangeFixture.Actor(await _f.ClientTokenAsync("svc")));
        Assert.True(first.Succeeded, first.Error?.Description);

        // svc2 now exchanges the delegated token, acting itself: the current actor outermost, svc nested.
        var second = await _f.ExchangeAsync(first.Value.AccessToken, ExchangeFixture.Actor(await _f.ClientTokenAsync("svc2")), clientId: "svc2");
        Assert.True(second.Succeeded, second.Error?.Description);
        var json = await _f.IntrospectJsonAsync(second.Value.AccessToken);
        var act = json.GetProperty("act");
        Assert.Equal("svc2", act.GetProperty("sub").GetString());
        Assert.Equal("svc", act.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal("alice", json.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Section4_1_an_actor_token_that_carries_act_is_nested_under_the_actor()
    {
        // svc obtains a token for itself acting for svc2 (svc2's token as subject, svc's as actor)...
        var svc2Token = await _f.ClientTokenAsync("svc2");
        var delegatedActor = await _f.ExchangeAsync(svc2Token, ExchangeFixture.Actor(await _f.ClientTokenAsync("svc")));
        Assert.True(delegatedActor.Succeeded, delegatedActor.Error?.Description);

        // ...and presents it as the actor for alice: the actor (svc2) outermost, its own actor (svc) nested.
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(subject.AccessToken, ExchangeFixture.Actor(delegatedActor.Value.AccessToken));
        Assert.True(result.Succeeded, result.Error?.Description);
        var introspection = await _f.IntrospectAsync(result.Value.AccessToken);
        Assert.Equal("svc2", introspection.Actor!.Subject);
        Assert.Equal("svc", introspection.Actor.Actor!.Subject);
        Assert.Null(introspection.Actor.Actor.Actor);
    }

    [Fact]
    public async Task Section4_1_impersonating_a_delegated_token_keeps_its_chain()
    {
        var subject = await _f.AliceTokenAsync();
        var delegated = await _f.ExchangeAsync(subject.AccessToken, ExchangeFixture.Actor(await _f.ClientTokenAsync("svc")));
        var again = await _f.ExchangeAsync(delegated.Value!.AccessToken, clientId: "svc2");
        Assert.True(again.Succeeded, again.Error?.Description);
        Assert.Equal("svc", (await _f.IntrospectAsync(again.Value.AccessToken)).Actor!.Subject);
    }

    [Fact]
    public async Task Section2_2_2_an_invalid_actor_token_is_invalid_request()
    {
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(subject.AccessToken, ExchangeFixture.Actor("not-a-token"));
        Refused(result, "invalid_request", ErrorIds.ActorTokenInvalid);
        Assert.Empty(_f.Requests);
    }

    [Fact]
    public async Task Section2_1_actor_token_without_its_type_is_invalid_request()
    {
        var subject = await _f.AliceTokenAsync();
        var actor = await _f.ClientTokenAsync("svc");
        Refused(await _f.ExchangeAsync(subject.AccessToken, "&actor_token=" + actor), "invalid_request", ErrorIds.ActorTokenInvalid);
        Refused(await _f.ExchangeAsync(subject.AccessToken, "&actor_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.AccessToken)), "invalid_request", ErrorIds.ActorTokenInvalid);
    }

    [Theory]
    [InlineData(TokenTypeIdentifiers.IdToken)]
    [InlineData("urn:ietf:params:oauth:token-type:saml2")]
    [InlineData("urn:example:unknown")]
    public async Task Section3_an_unsupported_subject_token_type_is_invalid_request(string type)
    {
        var subject = await _f.AliceTokenAsync();
        Refused(await _f.ExchangeAsync(subject.AccessToken, subjectType: type), "invalid_request", ErrorIds.UnsupportedTokenType);
    }

    [Fact]
    public async Task Section3_an_unsupported_requested_token_type_is_invalid_request()
    {
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(subject.AccessToken, "&requested_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.IdToken));
        Refused(result, "invalid_request", ErrorIds.UnsupportedTokenType);

        // jwt only when the server issues JWT access tokens.
        var jwt = await _f.ExchangeAsync(subject.AccessToken, "&requested_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.Jwt));
        Refused(jwt, "invalid_request", ErrorIds.UnsupportedTokenType);
    }

    [Fact]
    public async Task Section2_1_a_missing_subject_token_type_is_invalid_request()
    {
        var subject = await _f.AliceTokenAsync();
        var result = await _f.TokenAsync($"grant_type={Uri.EscapeDataString(GrantTypes.TokenExchange)}&subject_token={subject.AccessToken}", "svc");
        Expect.TokenError(result, "invalid_request");
    }

    [Fact]
    public async Task Section2_2_2_an_expired_subject_token_is_invalid_request()
    {
        var subject = await _f.AliceTokenAsync();
        _f.Time.Advance(TimeSpan.FromHours(1));
        Refused(await _f.ExchangeAsync(subject.AccessToken), "invalid_request", ErrorIds.SubjectTokenInvalid);
    }

    [Fact]
    public async Task Section2_2_2_a_revoked_subject_token_is_invalid_request()
    {
        var subject = await _f.AliceTokenAsync();
        var revoked = await _f.Server.RevokeAsync(Requests.Token("token=" + subject.AccessToken, Requests.Basic("app", ExchangeFixture.Secret)), Harness.Ct);
        Assert.True(revoked.Succeeded);
        Refused(await _f.ExchangeAsync(subject.AccessToken), "invalid_request", ErrorIds.SubjectTokenInvalid);
    }

    [Fact]
    public async Task Section2_1_a_refresh_token_is_accepted_as_subject()
    {
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(subject.RefreshToken!, subjectType: TokenTypeIdentifiers.RefreshToken);
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("alice", (await _f.IntrospectAsync(result.Value.AccessToken)).Subject);

        // ...but only as the type it is: a refresh token is no access token.
        Refused(await _f.ExchangeAsync(subject.RefreshToken!), "invalid_request", ErrorIds.SubjectTokenInvalid);
    }

    [Fact]
    public async Task Section2_2_2_a_target_the_policy_does_not_allow_is_invalid_target()
    {
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(subject.AccessToken, "&audience=https%3A%2F%2Fother.example.com");
        Refused(result, "invalid_target", ErrorIds.TokenExchangeTargetDenied);
        var resource = await _f.ExchangeAsync(subject.AccessToken, "&resource=https%3A%2F%2Fother.example.com%2Fapi");
        Refused(resource, "invalid_target", ErrorIds.TokenExchangeTargetDenied);
    }

    [Fact]
    public async Task Section2_1_several_allowed_targets_are_all_recorded()
    {
        var subject = await _f.AliceTokenAsync();
        _f.Policy = (_, _) => ValueTask.FromResult(TokenExchangeDecision.Allow(["urn:a", "https://b.example.com/api"]));
        var result = await _f.ExchangeAsync(subject.AccessToken, "&audience=urn%3Aa&resource=https%3A%2F%2Fb.example.com%2Fapi");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(["urn:a", "https://b.example.com/api"], Assert.Single(_f.Requests).Audiences);
        Assert.Equal(["urn:a", "https://b.example.com/api"], (await _f.IntrospectAsync(result.Value.AccessToken)).Audience);
    }

    [Fact]
    public async Task Rfc8707_a_resource_with_a_fragment_is_invalid_target()
    {
        var subject = await _f.AliceTokenAsync();
        Refused(await _f.ExchangeAsync(subject.AccessToken, "&resource=https%3A%2F%2Fa.example.com%2F%23x"), "invalid_target", ErrorIds.ResourceMalformed);
        Refused(await _f.ExchangeAsync(subject.AccessToken, "&resource=relative%2Fpath"), "invalid_target", ErrorIds.ResourceMalformed);
    }

    [Fact]
    public async Task Security_revoking_the_subject_family_revokes_the_exchanged_token()
    {
        var subject = await _f.AliceTokenAsync();
        var exchanged = await _f.ExchangeAsync(subject.AccessToken);
        Assert.Equal(subject.GrantId, exchanged.Value!.GrantId);
        Assert.True((await _f.IntrospectAsync(exchanged.Value.AccessToken)).Active);

        await _f.Model.RevokeGrantAsync(subject.GrantId, Harness.Ct);
        Assert.False((await _f.IntrospectAsync(exchanged.Value.AccessToken)).Active);
    }

    [Fact]
    public async Task Security_a_reused_refresh_token_of_the_subject_revokes_the_exchanged_token()
    {
        var subject = await _f.AliceTokenAsync();
        var exchanged = await _f.ExchangeAsync(subject.AccessToken);
        var refresh = $"grant_type=refresh_token&refresh_token={subject.RefreshToken}";
        Assert.True((await _f.TokenAsync(refresh, "app")).Succeeded);
        Expect.TokenError(await _f.TokenAsync(refresh, "app"), "invalid_grant"); // reuse: the family goes
        Assert.False((await _f.IntrospectAsync(exchanged.Value!.AccessToken)).Active);
    }

    [Fact]
    public async Task Section2_2_1_a_refresh_token_needs_the_policy()
    {
        var subject = await _f.AliceTokenAsync();
        var requested = "&requested_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.RefreshToken);
        Refused(await _f.ExchangeAsync(subject.AccessToken, requested), "invalid_request", ErrorIds.TokenExchangeRefreshNotAllowed);

        _f.Policy = (_, _) => ValueTask.FromResult(TokenExchangeDecision.Allow([ExchangeFixture.Audience]) with { AllowRefreshToken = true });
        var result = await _f.ExchangeAsync(subject.AccessToken, requested);
        Assert.True(result.Succeeded, result.Error?.Description);
        var body = result.Response.Body!;
        Assert.Equal(TokenTypeIdentifiers.RefreshToken, body["issued_token_type"]);
        Assert.Equal("N_A", body["token_type"]);
        Assert.Equal(result.Value.RefreshToken, body["access_token"]);
        Assert.False(body.ContainsKey("refresh_token"));

        // The issued refresh token works for the exchanging client.
        var refreshed = await _f.TokenAsync($"grant_type=refresh_token&refresh_token={result.Value.RefreshToken}", "svc");
        Assert.True(refreshed.Succeeded, refreshed.Error?.Description);
        Assert.Equal("alice", refreshed.Value.User.Id);
    }

    [Fact]
    public async Task Section4_1_no_refresh_token_for_a_delegation_since_refreshing_would_drop_act()
    {
        var subject = await _f.AliceTokenAsync();
        _f.Policy = (_, _) => ValueTask.FromResult(TokenExchangeDecision.Allow([ExchangeFixture.Audience]) with { AllowRefreshToken = true });
        var result = await _f.ExchangeAsync(
            subject.AccessToken,
            ExchangeFixture.Actor(await _f.ClientTokenAsync("svc")) + "&requested_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.RefreshToken));
        Refused(result, "invalid_request", ErrorIds.TokenExchangeRefreshNotAllowed);
    }

    [Fact]
    public async Task Section4_1_a_jwt_access_token_carries_act_and_the_audience()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _f.Options.JwtAccessTokens = new JwtAccessTokenOptions { SigningKey = JwtSigningKey.FromEcdsa(key, "k1"), Issuer = Harness.Issuer, Audience = "urn:default" };
        var subject = await _f.AliceTokenAsync();
        var result = await _f.ExchangeAsync(
            subject.AccessToken,
            ExchangeFixture.Actor(await _f.ClientTokenAsync("svc"), TokenTypeIdentifiers.Jwt) + "&requested_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.Jwt),
            subjectType: TokenTypeIdentifiers.Jwt);
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(TokenTypeIdentifiers.Jwt, result.Response.Body!["issued_token_type"]);
        var payload = result.Value.AccessToken.Split('.')[1];
        using var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(payload));
        Assert.Equal(ExchangeFixture.Audience, claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal("alice", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("svc", claims.RootElement.GetProperty("act").GetProperty("sub").GetString());
    }

    [Fact]
    public void Rfc8414_metadata_lists_the_grant_when_enabled()
    {
        var metadata = _f.Server.GetMetadata(new MetadataEndpoints { Issuer = new Uri(Harness.Issuer), Token = new Uri(Harness.Issuer + "/token") });
        Assert.Contains(GrantTypes.TokenExchange, (string[])metadata["grant_types_supported"]!);
    }

    [Fact]
    public async Task A_client_not_registered_for_the_grant_is_unauthorized_client()
    {
        var subject = await _f.AliceTokenAsync();
        Expect.TokenError(await _f.ExchangeAsync(subject.AccessToken, clientId: "app"), "unauthorized_client");
        Assert.Empty(_f.Requests);
    }

    [Fact]
    public async Task Rfc8707_no_refresh_token_for_an_audience_the_client_could_not_refresh_for()
    {
        var subject = await _f.AliceTokenAsync();
        _f.Policy = (_, _) => ValueTask.FromResult(TokenExchangeDecision.Allow(["urn:elsewhere"]) with { AllowRefreshToken = true });
        var result = await _f.ExchangeAsync(subject.AccessToken, "&requested_token_type=" + Uri.EscapeDataString(TokenTypeIdentifiers.RefreshToken));
        Refused(result, "invalid_target", ErrorIds.ResourceNotAllowed);
    }
}
