using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Pkce;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Grants;

/// <summary>RFC 6749 section 4.1.3 with RFC 7636 section 4.5/4.6: exchanging a code.</summary>
public sealed class AuthorizationCodeGrantTests
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private readonly Harness _h = new();

    private AuthorizationCode WithPkce(string method = PkceMethods.S256, string challenge = Challenge, string clientId = "c1")
        => _h.NewCode(clientId) with { CodeChallenge = challenge, CodeChallengeMethod = method };

    private Task<OAuth2Result<Token>> Exchange(string extra = "", string code = "code1", string? clientId = "c1")
        => _h.TokenAsync($"grant_type=authorization_code&code={code}{extra}", clientId);

    private async Task NothingIssued(bool redeemed = false)
    {
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
        if (!redeemed)
        {
            await _h.Model.DidNotReceiveWithAnyArgs().RevokeAuthorizationCodeAsync(default!, default, default);
        }
    }

    private Task NoFamilyRevocation() => _h.Model.DidNotReceiveWithAnyArgs().RevokeGrantAsync(default!, default).AsTask();

    [Fact]
    public async Task Valid_code_is_redeemed_before_the_token_is_saved()
    {
        var data = _h.AddCode("code1");
        var result = await Exchange();
        Assert.True(result.Succeeded, result.Error?.Description);
        Received.InOrder(() =>
        {
            _h.Model.GetAuthorizationCodeAsync("code1", Arg.Any<CancellationToken>());
            _h.Model.RevokeAuthorizationCodeAsync("code1", Harness.Start, Arg.Any<CancellationToken>());
            _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>());
            // The post-save confirmation: the code must still be there (not removed by a concurrent family revocation).
            _h.Model.GetAuthorizationCodeAsync("code1", Arg.Any<CancellationToken>());
        });
        Assert.Equal(data.GrantId, result.Value.GrantId);
        Assert.Equal(data.Scope, result.Value.Scope);
        Assert.Equal(data.User, result.Value.User);
        Assert.NotNull(result.Value.RefreshToken);
        Assert.Equal("read", result.Response.Body!["scope"]);
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task No_refresh_token_for_a_client_without_the_refresh_grant()
    {
        _h.AddClient(TestClients.Confidential with { Grants = [GrantTypes.AuthorizationCode] });
        _h.AddCode("code1");
        var result = await Exchange();
        Assert.Null(result.Value!.RefreshToken);
        Assert.False(result.Response.Body!.ContainsKey("refresh_token"));
    }

    [Fact]
    public async Task No_refresh_token_when_the_refresh_grant_is_disabled()
    {
        _h.Options.GrantTypes.Remove(GrantTypes.RefreshToken);
        _h.AddCode("code1");
        var result = await Exchange();
        Assert.Null(result.Value!.RefreshToken);
    }

    [Fact]
    public async Task Missing_code_is_invalid_request()
    {
        var result = await _h.TokenAsync("grant_type=authorization_code");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `code`", result.Error!.Description);
    }

    [Fact]
    public async Task Unknown_code_is_invalid_grant()
    {
        var result = await Exchange(code: "nope");
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: authorization code is invalid", result.Error!.Description);
        await NothingIssued();
    }

    [Fact]
    public async Task Code_of_another_client_is_invalid_grant_and_stays_unredeemed()
    {
        _h.AddCode("code1", _h.NewCode("c2"));
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        await NothingIssued();
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Public_clients_code_sent_with_another_client_id_is_invalid_grant()
    {
        _h.AddClient(TestClients.Public with { Id = "pub2" });
        _h.AddCode("code1", WithPkce(clientId: "pub1"));
        var result = await Exchange("&code_verifier=" + Verifier + "&client_id=pub2", clientId: null);
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Code_expiring_now_is_expired()
    {
        _h.AddCode("code1", _h.NewCode() with { ExpiresAt = Harness.Start });
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: authorization code has expired", result.Error!.Description);
        await NothingIssued();
    }

    [Fact]
    public async Task Code_expires_with_the_clock()
    {
        _h.AddCode("code1");
        _h.Time.Advance(TimeSpan.FromSeconds(301));
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Confidential_client_must_authenticate_before_the_code_is_looked_up()
    {
        _h.AddCode("code1");
        var result = await Exchange("&client_id=c1", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
        await _h.Model.DidNotReceiveWithAnyArgs().GetAuthorizationCodeAsync(default!, default);
    }

    // ---- PKCE ----

    [Fact]
    public async Task Rfc7636_appendix_b_verifier_redeems_its_challenge()
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange("&code_verifier=" + Verifier);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Public_client_redeems_with_pkce_and_no_secret()
    {
        _h.AddCode("code1", WithPkce(clientId: "pub1"));
        var result = await Exchange("&client_id=pub1&code_verifier=" + Verifier, clientId: null);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Wrong_verifier_is_invalid_grant_and_the_code_is_not_consumed()
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange("&code_verifier=" + new string('a', 43));
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal(ErrorIds.CodeVerifierMismatch, result.Error!.ErrorId);
        await NothingIssued();
    }

    [Fact]
    public async Task Sending_the_challenge_as_verifier_is_invalid_grant()
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange("&code_verifier=" + Challenge);
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal(ErrorIds.CodeVerifierMismatch, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Method_sent_to_the_token_endpoint_is_ignored()
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange("&code_challenge_method=plain&code_verifier=" + Challenge);
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Missing_verifier_is_invalid_grant()
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal(ErrorIds.CodeVerifierMissing, result.Error!.ErrorId);
        await NothingIssued();
    }

    [Theory]
    [InlineData("z")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk%20")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj%2Bk")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj%2Fk")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX%3D")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj%C3%A9")]
    public async Task Malformed_verifier_is_invalid_request(string verifier)
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange("&code_verifier=" + verifier);
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Invalid parameter: `code_verifier`", result.Error!.Description);
        await NothingIssued();
    }

    [Fact]
    public async Task Verifier_of_129_characters_is_invalid_request()
    {
        _h.AddCode("code1", WithPkce());
        var result = await Exchange("&code_verifier=" + new string('a', 129));
        Expect.TokenError(result, "invalid_request");
    }

    [Fact]
    public async Task Verifier_for_a_code_issued_without_challenge_is_the_pkce_downgrade_invalid_request()
    {
        _h.AddCode("code1");
        var result = await Exchange("&code_verifier=" + Verifier);
        Expect.TokenError(result, "invalid_request");
        Assert.Contains("code_challenge", result.Error!.Description, StringComparison.Ordinal);
        await NothingIssued();
    }

    [Fact]
    public async Task Public_clients_code_without_challenge_is_invalid_grant()
    {
        _h.AddCode("code1", _h.NewCode("pub1"));
        var result = await Exchange("&client_id=pub1", clientId: null);
        Expect.TokenError(result, "invalid_grant");
        await NothingIssued();
    }

    [Fact]
    public async Task Require_pkce_option_refuses_codes_without_challenge()
    {
        _h.Options.RequirePkce = true;
        _h.AddCode("code1");
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Client_require_pkce_refuses_codes_without_challenge()
    {
        _h.AddCode("code1", _h.NewCode("pkce"));
        var result = await _h.TokenAsync("grant_type=authorization_code&code=code1", "pkce");
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Stored_plain_method_is_refused_when_plain_is_off()
    {
        _h.AddCode("code1", WithPkce(PkceMethods.Plain, Verifier));
        var result = await Exchange("&code_verifier=" + Verifier);
        Expect.TokenError(result, "invalid_request");
        Assert.Contains("plain", result.Error!.Description, StringComparison.Ordinal);
        await NothingIssued();
    }

    [Fact]
    public async Task Stored_plain_method_verifies_by_equality_when_plain_is_on()
    {
        _h.Options.EnablePlainPkce = true;
        _h.AddCode("code1", WithPkce(PkceMethods.Plain, Verifier));
        var ok = await Exchange("&code_verifier=" + Verifier);
        Assert.True(ok.Succeeded, ok.Error?.Description);
    }

    [Fact]
    public async Task Stored_plain_method_rejects_a_different_verifier()
    {
        _h.Options.EnablePlainPkce = true;
        _h.AddCode("code1", WithPkce(PkceMethods.Plain, Verifier));
        var result = await Exchange("&code_verifier=" + new string('b', 43));
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Stored_unknown_method_is_a_server_error()
    {
        _h.AddCode("code1", WithPkce("forged-xyz"));
        var result = await Exchange("&code_verifier=" + Verifier);
        Expect.TokenError(result, "server_error", 503);
        Assert.Equal("Server error: no valid hash algorithm available to verify `code_verifier`", result.Error!.Description);
        await NothingIssued();
    }

    [Fact]
    public async Task Stored_challenge_without_method_is_verified_as_s256()
    {
        _h.AddCode("code1", _h.NewCode() with { CodeChallenge = Challenge, CodeChallengeMethod = null });
        var result = await Exchange("&code_verifier=" + Verifier);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    // ---- redirect_uri (RFC 6749 section 4.1.3) ----

    [Fact]
    public async Task Redirect_uri_sent_at_authorize_must_be_repeated()
    {
        _h.AddCode("code1", _h.NewCode() with { RedirectUriSupplied = true });
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        Assert.Contains("redirect_uri", result.Error!.Description, StringComparison.Ordinal);
        await NothingIssued();
    }

    [Fact]
    public async Task Redirect_uri_sent_at_authorize_and_repeated_identically_succeeds()
    {
        _h.AddCode("code1", _h.NewCode() with { RedirectUriSupplied = true });
        var result = await Exchange("&redirect_uri=" + Uri.EscapeDataString(TestClients.RedirectUri));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("https://client.example.com/cb/")]
    [InlineData("https://client.example.com/CB")]
    [InlineData("https://client.example.com/other")]
    public async Task Different_redirect_uri_is_invalid_grant(string redirectUri)
    {
        _h.AddCode("code1", _h.NewCode() with { RedirectUriSupplied = true });
        var result = await Exchange("&redirect_uri=" + Uri.EscapeDataString(redirectUri));
        Expect.TokenError(result, "invalid_grant");
        await NothingIssued();
    }

    [Fact]
    public async Task Redirect_uri_not_sent_at_authorize_need_not_be_sent()
    {
        // Unlike node-oauth2-server, which demands it whenever the code has a redirect URI.
        _h.AddCode("code1");
        var result = await Exchange();
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Redirect_uri_not_sent_at_authorize_but_sent_must_still_match()
    {
        _h.AddCode("code1");
        var result = await Exchange("&redirect_uri=" + Uri.EscapeDataString("https://evil.example/cb"));
        Expect.TokenError(result, "invalid_grant");
    }

    [Theory]
    [InlineData("not-a-uri")]
    [InlineData("%2Fcb")]
    [InlineData("https%3A%2F%2Fclient.example.com%2Fcb%23f")]
    public async Task Malformed_redirect_uri_is_invalid_request(string redirectUri)
    {
        _h.AddCode("code1");
        var result = await Exchange("&redirect_uri=" + redirectUri);
        Expect.TokenError(result, "invalid_request");
    }

    // ---- replay and concurrency ----

    [Fact]
    public async Task Valid_replay_of_a_redeemed_code_revokes_its_grant()
    {
        _h.AddCode("code1", WithPkce() with { RedeemedAt = Harness.Start.AddSeconds(-10), GrantId = "g-replayed" });
        var result = await Exchange("&code_verifier=" + Verifier);
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("g-replayed", Arg.Any<CancellationToken>());
        await NothingIssued();
    }

    [Fact]
    public async Task Replay_with_a_wrong_verifier_does_not_revoke()
    {
        _h.AddCode("code1", WithPkce() with { RedeemedAt = Harness.Start.AddSeconds(-10) });
        var result = await Exchange("&code_verifier=" + new string('a', 43));
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
        await NothingIssued();
    }

    [Fact]
    public async Task Replay_without_the_verifier_does_not_revoke()
    {
        _h.AddCode("code1", WithPkce() with { RedeemedAt = Harness.Start.AddSeconds(-10) });
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Replay_by_another_client_does_not_revoke()
    {
        _h.AddCode("code1", _h.NewCode() with { RedeemedAt = Harness.Start.AddSeconds(-10) });
        var result = await _h.TokenAsync("grant_type=authorization_code&code=code1", "c2", TestClients.OtherSecret);
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Replay_with_failed_client_authentication_does_not_revoke()
    {
        _h.AddCode("code1", _h.NewCode() with { RedeemedAt = Harness.Start.AddSeconds(-10) });
        var result = await _h.TokenAsync("grant_type=authorization_code&code=code1", "c1", "wrong");
        Assert.False(result.Succeeded);
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Replay_with_a_wrong_redirect_uri_does_not_revoke()
    {
        _h.AddCode("code1", _h.NewCode() with { RedeemedAt = Harness.Start.AddSeconds(-10), RedirectUriSupplied = true });
        var result = await Exchange("&redirect_uri=" + Uri.EscapeDataString("https://evil.example/cb"));
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Expired_replay_does_not_revoke()
    {
        _h.AddCode("code1", _h.NewCode() with { RedeemedAt = Harness.Start.AddSeconds(-10), ExpiresAt = Harness.Start });
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
    }

    [Fact]
    public async Task Concurrent_loser_of_the_redemption_gets_invalid_grant_and_the_grant_is_revoked()
    {
        _h.AddCode("code1");
        _h.Model.RevokeAuthorizationCodeAsync("code1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, "g-from-store", Harness.Start));
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync("g-from-store", Arg.Any<CancellationToken>());
        await NothingIssued(redeemed: true);
    }

    [Fact]
    public async Task Concurrent_loser_without_a_grant_id_from_the_store_revokes_the_codes_grant()
    {
        var data = _h.AddCode("code1");
        _h.Model.RevokeAuthorizationCodeAsync("code1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.AlreadyRedeemed));
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        await _h.Model.Received(1).RevokeGrantAsync(data.GrantId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Code_gone_at_redemption_is_invalid_grant_without_revocation()
    {
        _h.AddCode("code1");
        _h.Model.RevokeAuthorizationCodeAsync("code1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(RedemptionResult.NotFound);
        var result = await Exchange();
        Expect.TokenError(result, "invalid_grant");
        await NoFamilyRevocation();
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    [Fact]
    public async Task Store_outage_at_redemption_is_503_and_nothing_is_saved()
    {
        _h.AddCode("code1");
        _h.Model.RevokeAuthorizationCodeAsync("code1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new StorageUnavailableException("timeout"));
        var result = await Exchange();
        Expect.TokenError(result, "server_error", 503);
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    [Fact]
    public async Task Redemption_uses_the_server_clock()
    {
        _h.AddCode("code1");
        _h.Time.Advance(TimeSpan.FromSeconds(42));
        await Exchange();
        await _h.Model.Received(1).RevokeAuthorizationCodeAsync("code1", Harness.Start.AddSeconds(42), Arg.Any<CancellationToken>());
    }
}
