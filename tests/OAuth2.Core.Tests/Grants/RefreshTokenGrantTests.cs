using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Grants;

/// <summary>RFC 6749 section 6 with rotation and reuse detection (RFC 9700 section 4.14.2).</summary>
public sealed class RefreshTokenGrantTests
{
    private readonly Harness _h = new();

    private Task<OAuth2Result<Token>> Refresh(string extra = "", string token = "rt1", string? clientId = "c1", string? secret = TestClients.Secret)
        => _h.TokenAsync($"grant_type=refresh_token&refresh_token={token}{extra}", clientId, secret);

    private async Task NotRotatedAndNothingSaved()
    {
        await _h.Model.DidNotReceiveWithAnyArgs().RevokeRefreshTokenAsync(default!, default, default);
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    private Task NoFamilyRevocation() => _h.Model.DidNotReceiveWithAnyArgs().RevokeGrantAsync(default!, default).AsTask();

    [Fact]
    public async Task Valid_token_is_rotated_before_the_new_pair_is_saved()
    {
        var data = _h.AddRefreshToken("rt1");
        var result = await Refresh();
        Assert.True(result.Succeeded, result.Error?.Description);
        Received.InOrder(() =>
        {
            _h.Model.GetRefreshTokenAsync("rt1", Arg.Any<CancellationToken>());
            _h.Model.RevokeRefreshTokenAsync("rt1", Harness.Start, Arg.Any<CancellationToken>());
            _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>());
            // The post-save confirmation: the old token must still be there (its family not revoked meanwhile).
            _h.Model.GetRefreshTokenAsync("rt1", Arg.Any<CancellationToken>());
        });
        Assert.NotNull(result.Value.RefreshToken);
        Assert.NotEqual("rt1", result.Value.RefreshToken);
        Assert.Equal(data.GrantId, result.Value.GrantId);
        Assert.Equal(data.User, result.Value.User);
        Assert.Equal(["read", "write"], result.Value.Scope);
        Assert.Equal("read write", result.Response.Body!["scope"]);
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Narrowed_access_token_keeps_the_whole_grant_on_the_new_refresh_token()
    {
        _h.AddRefreshToken("rt1");
        var result = await Refresh("&scope=read");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(["read"], result.Value.Scope);
        Assert.Equal(["read", "write"], result.Value.RefreshTokenScope);
        Assert.Equal("read", result.Response.Body!["scope"]);
    }

    [Fact]
    public async Task Same_scope_requested_is_accepted()
    {
        _h.AddRefreshToken("rt1");
        var result = await Refresh("&scope=write%20read");
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("read%20write%20admin")]
    [InlineData("admin")]
    [InlineData("READ")]
    public async Task Widening_scope_is_invalid_scope_and_the_token_is_not_rotated(string scope)
    {
        _h.AddRefreshToken("rt1");
        var result = await Refresh("&scope=" + scope);
        Expect.TokenError(result, "invalid_scope");
        Assert.Equal("Invalid scope: Unable to add extra scopes", result.Error!.Description);
        await NotRotatedAndNothingSaved();
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Malformed_scope_is_invalid_scope_and_the_token_is_not_rotated()
    {
        _h.AddRefreshToken("rt1");
        var result = await Refresh("&scope=%22read%22");
        Expect.TokenError(result, "invalid_scope");
        await NotRotatedAndNothingSaved();
    }

    [Fact]
    public async Task Any_scope_on_a_token_without_scope_is_invalid_scope()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { Scope = [] });
        var result = await Refresh("&scope=read");
        Expect.TokenError(result, "invalid_scope");
        await NotRotatedAndNothingSaved();
    }

    [Fact]
    public async Task Empty_scope_parameter_keeps_the_original_scope()
    {
        _h.AddRefreshToken("rt1");
        var result = await Refresh("&scope=");
        Assert.Equal(["read", "write"], result.Value!.Scope);
    }

    [Fact]
    public async Task Another_clients_token_is_invalid_grant_and_not_rotated()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken("c2"));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: refresh token was issued to another client", result.Error!.Description);
        await NotRotatedAndNothingSaved();
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Expired_token_is_invalid_grant_and_not_rotated()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { ExpiresAt = Harness.Start });
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: refresh token has expired", result.Error!.Description);
        await NotRotatedAndNothingSaved();
    }

    [Fact]
    public async Task Token_expires_with_the_clock()
    {
        _h.AddRefreshToken("rt1");
        _h.Time.Advance(TimeSpan.FromDays(2));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Token_without_expiry_never_expires()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { ExpiresAt = null });
        _h.Time.Advance(TimeSpan.FromDays(3650));
        var result = await Refresh();
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Unknown_token_is_invalid_grant()
    {
        var result = await Refresh(token: "nope");
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: refresh token is invalid", result.Error!.Description);
        await NotRotatedAndNothingSaved();
    }

    [Fact]
    public async Task Missing_refresh_token_is_invalid_request()
    {
        var result = await _h.TokenAsync("grant_type=refresh_token");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `refresh_token`", result.Error!.Description);
    }

    [Fact]
    public async Task Non_vschar_refresh_token_is_invalid_request()
    {
        var result = await Refresh(token: "r%C3%A9");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Invalid parameter: `refresh_token`", result.Error!.Description);
    }

    [Fact]
    public async Task Confidential_client_must_authenticate()
    {
        _h.AddRefreshToken("rt1");
        var result = await Refresh("&client_id=c1", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
        await _h.Model.DidNotReceiveWithAnyArgs().GetRefreshTokenAsync(default!, default);
    }

    [Fact]
    public async Task Reused_rotated_token_revokes_the_family()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start.AddMinutes(-5), GrantId = "g-fam" });
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("g-fam", Arg.Any<CancellationToken>());
        await NotRotatedAndNothingSaved();
    }

    [Fact]
    public async Task Reuse_at_the_same_instant_still_revokes_with_zero_leeway()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start });
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("grant-r", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reuse_within_the_leeway_is_refused_but_the_family_survives()
    {
        _h.Options.RefreshTokenReuseLeeway = TimeSpan.FromSeconds(30);
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start });
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
        await NotRotatedAndNothingSaved();
    }

    [Fact]
    public async Task Reuse_exactly_at_the_leeway_is_still_benign()
    {
        _h.Options.RefreshTokenReuseLeeway = TimeSpan.FromSeconds(30);
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start });
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await Refresh();
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Reuse_after_the_leeway_revokes_the_family()
    {
        _h.Options.RefreshTokenReuseLeeway = TimeSpan.FromSeconds(30);
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start });
        _h.Time.Advance(TimeSpan.FromSeconds(31));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("grant-r", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reuse_by_another_client_does_not_revoke()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start.AddMinutes(-5) });
        var result = await Refresh(clientId: "c2", secret: TestClients.OtherSecret);
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Reuse_of_an_expired_token_does_not_revoke()
    {
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start.AddMinutes(-5), ExpiresAt = Harness.Start });
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Concurrent_loser_of_the_rotation_gets_invalid_grant_and_revokes_the_family()
    {
        _h.AddRefreshToken("rt1");
        _h.Model.RevokeRefreshTokenAsync("rt1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, "g-store", Harness.Start.AddMinutes(-1)));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("g-store", Arg.Any<CancellationToken>());
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    [Fact]
    public async Task Concurrent_loser_within_the_leeway_keeps_the_family()
    {
        _h.Options.RefreshTokenReuseLeeway = TimeSpan.FromSeconds(30);
        _h.AddRefreshToken("rt1");
        _h.Model.RevokeRefreshTokenAsync("rt1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, "g-store", Harness.Start));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Concurrent_loser_without_a_timestamp_revokes_with_zero_leeway()
    {
        _h.AddRefreshToken("rt1");
        _h.Model.RevokeRefreshTokenAsync("rt1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.AlreadyRedeemed));
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("grant-r", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Token_gone_at_rotation_is_invalid_grant_without_revocation()
    {
        _h.AddRefreshToken("rt1");
        _h.Model.RevokeRefreshTokenAsync("rt1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(RedemptionResult.NotFound);
        var result = await Refresh();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    [Fact]
    public async Task Without_rotation_the_token_is_kept_and_no_new_one_issued()
    {
        _h.Options.AlwaysIssueNewRefreshToken = false;
        _h.AddRefreshToken("rt1");
        var result = await Refresh();
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Null(result.Value.RefreshToken);
        Assert.False(result.Response.Body!.ContainsKey("refresh_token"));
        await _h.Model.DidNotReceiveWithAnyArgs().RevokeRefreshTokenAsync(default!, default, default);
    }

    [Fact]
    public async Task Scope_validator_is_not_consulted_on_refresh()
    {
        var h = Harness.For<IScopeValidatingModel>();
        h.AddRefreshToken("rt1");
        var result = await h.TokenAsync("grant_type=refresh_token&refresh_token=rt1");
        Assert.True(result.Succeeded, result.Error?.Description);
        await ((IScopeValidator)h.Model).DidNotReceiveWithAnyArgs().ValidateScopeAsync(default!, default!, default!, default);
    }

    [Fact]
    public async Task New_refresh_token_gets_a_fresh_lifetime()
    {
        _h.AddRefreshToken("rt1");
        _h.Time.Advance(TimeSpan.FromHours(1));
        var result = await Refresh();
        Assert.Equal(Harness.Start.AddHours(1).AddSeconds(1209600), result.Value!.RefreshTokenExpiresAt);
        Assert.Equal(Harness.Start.AddHours(1), result.Value.IssuedAt);
    }
}
