using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Storage;

namespace OAuth2.Core.Tests.PushedAuthorization;

/// <summary>
/// <see cref="SecurityProfile.Fapi2"/>: the FAPI 2.0 Security Profile's authorization server requirements (section
/// 5.3.2), one test per rule the switch enforces, at start-up or per request.
/// </summary>
public sealed class Fapi2ProfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ParKit Fapi(Action<OAuth2ServerOptions>? configure = null) => new(o =>
    {
        o.Profile = SecurityProfile.Fapi2;
        configure?.Invoke(o);
    });

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
    public async Task Every_authorization_request_must_be_pushed_5_3_2_2()
    {
        var kit = Fapi();

        var direct = await kit.ValidateAsync(ParKit.Request());
        var pushed = await kit.ValidateAsync(ParKit.ByReference(await kit.PushedUriAsync()));

        Expect.RedirectedError(direct, "invalid_request");
        Assert.Equal(ErrorIds.PushedAuthorizationRequired, direct.Error!.ErrorId);
        Assert.True(pushed.Succeeded, pushed.Error?.Description);
    }

    [Fact]
    public async Task Pkce_with_S256_is_required_even_of_confidential_clients_and_plain_is_refused_5_3_2_2()
    {
        var kit = Fapi(o => o.EnablePlainPkce = true);
        var withoutPkce = ParKit.Request().Split("&code_challenge=")[0];

        var none = await kit.PushAsync(withoutPkce, ParKit.Basic);
        var plain = await kit.PushAsync(ParKit.Request().Replace("S256", "plain", StringComparison.Ordinal), ParKit.Basic);

        Assert.Equal(ErrorIds.CodeChallengeMissing, none.Error!.ErrorId);
        Assert.Equal(ErrorIds.PlainPkceNotAllowed, plain.Error!.ErrorId);
    }

    [Fact]
    public async Task The_pushed_request_must_name_its_redirect_uri_5_3_2_2()
    {
        var kit = Fapi();

        var result = await kit.PushAsync(ParKit.Request().Replace("&redirect_uri=" + Uri.EscapeDataString(TestClients.RedirectUri), string.Empty, StringComparison.Ordinal), ParKit.Basic);

        Expect.TokenError(result, "invalid_request");
        Assert.Equal(ErrorIds.ProfileViolation, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Public_clients_are_refused_at_every_endpoint_5_3_2_1()
    {
        var kit = Fapi();

        var push = await kit.PushAsync(ParKit.Request(clientId: "pub1"));
        var token = await kit.Server.TokenAsync(Requests.Token("grant_type=refresh_token&client_id=pub1&refresh_token=x"), Ct);

        Expect.TokenError(push, "invalid_client", 401);
        Assert.Equal(ErrorIds.ProfileViolation, push.Error!.ErrorId);
        Assert.Equal(ErrorIds.ProfileViolation, token.Error!.ErrorId);
    }

    [Fact]
    public async Task Authorization_codes_live_at_most_60_seconds_5_3_2_1()
    {
        var kit = Fapi(o => o.AuthorizationCodeLifetime = TimeSpan.FromMinutes(10));
        var reference = ParKit.ByReference(await kit.PushedUriAsync());

        var issued = await kit.ApproveAsync(reference + "&allowed=true");

        Assert.True(issued.Succeeded, issued.Error?.Description);
        var saved = await kit.Store.FindAuthorizationCodeAsync(TokenDigest.Compute(issued.Value!.Code), Ct);
        Assert.Equal(Harness.Start.AddSeconds(60), saved!.ExpiresAt);
    }

    [Fact]
    public async Task The_password_grant_is_refused_5_3_2_1()
    {
        var kit = Fapi();

        var result = await kit.Server.TokenAsync(Requests.Token("grant_type=password&username=a&password=b", ParKit.Basic), Ct);

        Expect.TokenError(result, "unsupported_grant_type");
    }

    [Fact]
    public async Task The_authorization_response_carries_iss_rfc9207_5_3_2_2()
    {
        var kit = Fapi();
        var reference = ParKit.ByReference(await kit.PushedUriAsync());

        var issued = await kit.ApproveAsync(reference + "&allowed=true");

        Assert.Equal(ParKit.Issuer, Requests.QueryOf(issued.Response.RedirectLocation).GetSingle("iss"));
    }

    [Fact]
    public async Task Refresh_tokens_are_not_rotated_5_3_2_1()
    {
        var kit = Fapi();
        var reference = ParKit.ByReference(await kit.PushedUriAsync());
        var code = (await kit.ApproveAsync(reference + "&allowed=true")).Value!.Code;
        var tokens = await kit.Server.TokenAsync(
            Requests.Token($"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(TestClients.RedirectUri)}&code_verifier={ParKit.Verifier}", ParKit.Basic), Ct);
        var refresh = tokens.Value!.RefreshToken!;

        var first = await kit.Server.TokenAsync(Requests.Token($"grant_type=refresh_token&refresh_token={refresh}", ParKit.Basic), Ct);
        var second = await kit.Server.TokenAsync(Requests.Token($"grant_type=refresh_token&refresh_token={refresh}", ParKit.Basic), Ct);

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
}
