using System.Net;
using Duende.IdentityModel.Client;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.IdentityModel.Tests.Support;

namespace OAuth2.IdentityModel.Tests;

/// <summary>The device flow (RFC 8628) end to end with IdentityModel as the device: codes, the user's approval on the sample's page, polling.</summary>
public sealed class DeviceFlowTests(SampleServerFixture server)
{
    private static CancellationToken Ct => Demo.Ct;

    private static async Task ApproveAsync(SampleServerFixture server, string verificationUriComplete)
    {
        using var browser = server.CreateClient();
        using var page = await browser.GetAsync(verificationUriComplete, Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);

        using var approved = await browser.PostAsync("device", new FormUrlEncodedContent(
        [
            new("user_code", OAuthHttp.InputValue(html, "user_code")!),
            new("username", SampleServerFixture.Username),
            new("password", SampleServerFixture.Password),
            new("allowed", "true"),
            new("__RequestVerificationToken", OAuthHttp.InputValue(html, "__RequestVerificationToken")!),
        ]), Ct);
        Assert.Contains("data-result=\"Approved\"", await approved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_tv_client_gets_codes_waits_for_approval_and_polls_for_tokens()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);

        // The request the issue reported failing: Basic base64("demo-device:"), IdentityModel's default for a client without a secret.
        var authorization = await http.RequestDeviceAuthorizationAsync(
            new DeviceAuthorizationRequest { Address = disco.DeviceAuthorizationEndpoint, ClientId = Demo.DeviceId, Scope = "read" }, Ct);
        Assert.False(authorization.IsError, $"{authorization.Error}: {authorization.ErrorDescription}");
        Assert.NotNull(authorization.DeviceCode);
        Assert.Equal(new Uri(server.BaseAddress, "device").ToString(), authorization.VerificationUri);

        var pending = await http.RequestDeviceTokenAsync(
            new DeviceTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.DeviceId, DeviceCode = authorization.DeviceCode! }, Ct);
        Assert.Equal("authorization_pending", pending.Error);

        await ApproveAsync(server, authorization.VerificationUriComplete!);

        // A well-behaved device waits the interval between polls (polling sooner is slow_down).
        await Task.Delay(TimeSpan.FromSeconds(authorization.Interval), Ct);
        var token = Demo.Ok(await http.RequestDeviceTokenAsync(
            new DeviceTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.DeviceId, DeviceCode = authorization.DeviceCode! }, Ct));
        Assert.Equal("read", token.Scope);
        Assert.NotNull(token.RefreshToken);

        var refreshed = Demo.Ok(await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.DeviceId, RefreshToken = token.RefreshToken! }, Ct));
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
    }
}
