using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Model;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Storage;

/// <summary>The store-backed model: the one place where token values become digests.</summary>
public sealed class StoreBackedModelTests
{
    private static readonly DateTimeOffset Now = Harness.Start;
    private readonly IOAuth2Store _store = Substitute.For<IOAuth2Store>();
    private readonly StoreBackedModel _model;

    public StoreBackedModelTests() => _model = new StoreBackedModel(_store);

    private static CancellationToken Ct => Harness.Ct;

    private static Token NewToken(string? refresh = "refresh-value") => new()
    {
        AccessToken = "access-value",
        AccessTokenExpiresAt = Now.AddHours(1),
        RefreshToken = refresh,
        RefreshTokenExpiresAt = refresh is null ? null : Now.AddDays(14),
        Scope = ["read"],
        Client = TestClients.Confidential,
        User = Harness.Alice,
        GrantId = "g1",
        IssuedAt = Now,
        ExtendedAttributes = new Dictionary<string, string> { ["x"] = "y" },
    };

    [Fact]
    public async Task Save_token_hands_the_store_digests_and_records_without_the_values()
    {
        await _model.SaveTokenAsync(NewToken(), Ct);
        await _store.Received(1).SaveTokensAsync(
            TokenDigest.Compute("access-value"),
            Arg.Is<AccessToken>(a => a.ClientId == "c1" && a.GrantId == "g1" && a.ExpiresAt == Now.AddHours(1) && a.IssuedAt == Now && a.Scope.SequenceEqual(new[] { "read" }) && a.ExtendedAttributes["x"] == "y" && a.User == Harness.Alice),
            TokenDigest.Compute("refresh-value"),
            Arg.Is<RefreshToken>(r => r!.ClientId == "c1" && r.GrantId == "g1" && r.ExpiresAt == Now.AddDays(14) && r.RedeemedAt == null),
            Arg.Any<CancellationToken>());
        var call = _store.ReceivedCalls().Single();
        foreach (var argument in call.GetArguments())
        {
            Assert.NotEqual("access-value", argument);
            Assert.NotEqual("refresh-value", argument);
            Assert.DoesNotContain("access-value", argument?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("refresh-value", argument?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Save_token_without_a_refresh_token_passes_nulls()
    {
        await _model.SaveTokenAsync(NewToken(refresh: null), Ct);
        await _store.Received(1).SaveTokensAsync(TokenDigest.Compute("access-value"), Arg.Any<AccessToken>(), null, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Save_token_stores_the_refresh_tokens_own_scope()
    {
        await _model.SaveTokenAsync(NewToken() with { RefreshTokenScope = ["read", "write"] }, Ct);
        await _store.Received(1).SaveTokensAsync(
            Arg.Any<TokenDigest>(),
            Arg.Is<AccessToken>(a => a.Scope.SequenceEqual(new[] { "read" })),
            Arg.Any<TokenDigest?>(),
            Arg.Is<RefreshToken?>(r => r!.Scope.SequenceEqual(new[] { "read", "write" })),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Save_token_returns_the_token_for_the_response()
    {
        var token = NewToken();
        Assert.Same(token, await _model.SaveTokenAsync(token, Ct));
    }

    [Fact]
    public async Task Access_token_lookup_uses_the_digest()
    {
        var stored = new AccessToken { ClientId = "c1", User = Harness.Alice, IssuedAt = Now, ExpiresAt = Now.AddHours(1), GrantId = "g" };
        _store.FindAccessTokenAsync(TokenDigest.Compute("at"), Arg.Any<CancellationToken>()).Returns(stored);
        Assert.Same(stored, await _model.GetAccessTokenAsync("at", Ct));
    }

    [Fact]
    public async Task Refresh_token_lookup_and_rotation_use_the_digest()
    {
        _store.RedeemRefreshTokenAsync(TokenDigest.Compute("rt"), Now, Arg.Any<CancellationToken>()).Returns(new RedemptionResult(RedemptionStatus.Redeemed));
        await _model.GetRefreshTokenAsync("rt", Ct);
        var redemption = await _model.RevokeRefreshTokenAsync("rt", Now, Ct);
        Assert.True(redemption.Won);
        await _store.Received(1).FindRefreshTokenAsync(TokenDigest.Compute("rt"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Code_save_lookup_and_redemption_use_the_digest()
    {
        var data = new AuthorizationCode { ClientId = "c1", User = Harness.Alice, IssuedAt = Now, ExpiresAt = Now.AddMinutes(5), GrantId = "g" };
        _store.RedeemAuthorizationCodeAsync(TokenDigest.Compute("code"), Now, Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, "g", Now));
        await _model.SaveAuthorizationCodeAsync("code", data, Ct);
        await _model.GetAuthorizationCodeAsync("code", Ct);
        var redemption = await _model.RevokeAuthorizationCodeAsync("code", Now, Ct);
        Assert.Equal(RedemptionStatus.AlreadyRedeemed, redemption.Status);
        await _store.Received(1).SaveAuthorizationCodeAsync(TokenDigest.Compute("code"), data, Arg.Any<CancellationToken>());
        await _store.Received(1).FindAuthorizationCodeAsync(TokenDigest.Compute("code"), Arg.Any<CancellationToken>());
        foreach (var call in _store.ReceivedCalls())
        {
            Assert.DoesNotContain("code", call.GetArguments().OfType<string>());
        }
    }

    [Fact]
    public async Task Revoke_grant_removes_codes_and_tokens_of_that_grant()
    {
        await _model.RevokeGrantAsync("g7", Ct);
        Received.InOrder(() =>
        {
            _store.RevokeCodesOfGrantAsync("g7", Arg.Any<CancellationToken>());
            _store.RevokeTokensOfGrantAsync("g7", Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Client_lookup_goes_to_the_client_store_unchanged()
    {
        _store.FindClientAsync("c1", Arg.Any<CancellationToken>()).Returns(TestClients.Confidential);
        Assert.Same(TestClients.Confidential, await _model.GetClientAsync("c1", Ct));
    }

    [Fact]
    public async Task Separate_stores_each_get_their_part()
    {
        var clients = Substitute.For<IClientStore>();
        var tokens = Substitute.For<ITokenStore>();
        var codes = Substitute.For<IAuthorizationCodeStore>();
        var model = new StoreBackedModel(clients, tokens, codes);
        await model.GetClientAsync("c1", Ct);
        await model.GetAccessTokenAsync("at", Ct);
        await model.GetAuthorizationCodeAsync("code", Ct);
        await clients.Received(1).FindClientAsync("c1", Arg.Any<CancellationToken>());
        await tokens.Received(1).FindAccessTokenAsync(TokenDigest.Compute("at"), Arg.Any<CancellationToken>());
        await codes.Received(1).FindAuthorizationCodeAsync(TokenDigest.Compute("code"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Null_stores_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new StoreBackedModel(null!));
        Assert.Throws<ArgumentNullException>(() => new StoreBackedModel(Substitute.For<IClientStore>(), null!, Substitute.For<IAuthorizationCodeStore>()));
    }

    [Theory]
    [InlineData(typeof(IPasswordModel), false)]
    [InlineData(typeof(IScopeValidator), false)]
    [InlineData(typeof(IScopeVerifier), false)]
    [InlineData(typeof(IClientModel), true)]
    [InlineData(typeof(ITokenModel), true)]
    [InlineData(typeof(IAccessTokenModel), true)]
    [InlineData(typeof(IAuthorizationCodeModel), true)]
    [InlineData(typeof(IRefreshTokenModel), true)]
    [InlineData(typeof(IClientCredentialsModel), true)]
    [InlineData(typeof(IRedirectUriValidator), false)]
    [InlineData(typeof(ITokenValueGenerator), false)]
    [InlineData(typeof(IClientSecretValidator), false)]
    public void Capabilities_without_a_policy(Type capability, bool supported)
        => Assert.Equal(supported, _model.Supports(capability));

    [Fact]
    public void Policies_switch_their_capabilities_on()
    {
        var model = new StoreBackedModel(_store, new StoreModelPolicy
        {
            GetUser = (_, _, _, _) => ValueTask.FromResult<OAuth2User?>(null),
            ValidateScope = (_, _, s, _) => ValueTask.FromResult<IReadOnlyList<string>?>(s),
            VerifyScope = (_, _, _) => ValueTask.FromResult(true),
        });
        Assert.True(model.Supports(typeof(IPasswordModel)));
        Assert.True(model.Supports(typeof(IScopeValidator)));
        Assert.True(model.Supports(typeof(IScopeVerifier)));
    }

    [Fact]
    public void Server_with_the_password_grant_and_no_get_user_policy_names_get_user()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(_model));
        Assert.Contains("`GetUserAsync()`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_without_the_password_grant_builds_without_a_policy()
    {
        var options = new OAuth2ServerOptions();
        options.GrantTypes.Remove(GrantTypes.Password);
        Assert.NotNull(new OAuth2Server(_model, options));
    }

    [Fact]
    public void Server_with_a_get_user_policy_builds_with_every_grant()
    {
        var model = new StoreBackedModel(_store, new StoreModelPolicy { GetUser = (_, _, _, _) => ValueTask.FromResult<OAuth2User?>(null) });
        Assert.NotNull(new OAuth2Server(model));
    }

    [Fact]
    public async Task Default_user_from_client_is_the_client_itself()
    {
        var user = await _model.GetUserFromClientAsync(TestClients.Confidential, Ct);
        Assert.NotNull(user);
        Assert.Equal("c1", user.Id);
        Assert.Equal("client", user.Properties["kind"]);
    }

    [Fact]
    public async Task User_from_client_policy_wins()
    {
        var model = new StoreBackedModel(_store, new StoreModelPolicy { GetUserFromClient = (c, _) => ValueTask.FromResult<OAuth2User?>(new OAuth2User("svc-" + c.Id)) });
        Assert.Equal("svc-c1", (await model.GetUserFromClientAsync(TestClients.Confidential, Ct))!.Id);
    }

    [Fact]
    public async Task Get_user_without_a_policy_finds_nobody()
        => Assert.Null(await _model.GetUserAsync("alice", "pw", TestClients.Confidential, Ct));

    [Fact]
    public async Task Get_user_policy_receives_the_credentials()
    {
        var model = new StoreBackedModel(_store, new StoreModelPolicy
        {
            GetUser = (u, p, c, _) => ValueTask.FromResult<OAuth2User?>(u == "alice" && p == "pw" && c.Id == "c1" ? Harness.Alice : null),
        });
        Assert.Equal(Harness.Alice, await model.GetUserAsync("alice", "pw", TestClients.Confidential, Ct));
        Assert.Null(await model.GetUserAsync("alice", "nope", TestClients.Confidential, Ct));
    }

    [Fact]
    public async Task Default_verify_scope_requires_every_scope()
    {
        var token = new AccessToken { ClientId = "c1", User = Harness.Alice, Scope = ["read"], IssuedAt = Now, ExpiresAt = Now, GrantId = "g" };
        Assert.True(await _model.VerifyScopeAsync(token, ["read"], Ct));
        Assert.False(await _model.VerifyScopeAsync(token, ["read", "write"], Ct));
    }

    [Fact]
    public async Task Client_credentials_through_the_server_stores_only_digests()
    {
        _store.FindClientAsync("c1", Arg.Any<CancellationToken>()).Returns(TestClients.Confidential);
        var options = new OAuth2ServerOptions();
        options.GrantTypes.Remove(GrantTypes.Password);
        var server = new OAuth2Server(_model, options);
        var result = await server.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret)), Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        await _store.Received(1).SaveTokensAsync(TokenDigest.Compute(result.Value.AccessToken), Arg.Any<AccessToken>(), null, null, Arg.Any<CancellationToken>());
        Assert.Equal("client", result.Value.User.Properties["kind"]);
    }

    [Fact]
    public async Task Store_outage_through_the_server_is_503()
    {
        _store.FindClientAsync("c1", Arg.Any<CancellationToken>()).Returns<ValueTask<OAuth2Client?>>(_ => throw new StorageUnavailableException("down"));
        var options = new OAuth2ServerOptions();
        options.GrantTypes.Remove(GrantTypes.Password);
        var server = new OAuth2Server(_model, options);
        var result = await server.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret)), Ct);
        Expect.TokenError(result, "server_error", 503);
    }
}
