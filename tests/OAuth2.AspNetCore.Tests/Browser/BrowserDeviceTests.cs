using System.Net;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.Browser;

/// <summary>
/// The device flow's human half in a real browser: type the code shown by the device on the sample's /device page,
/// see which client asks, sign in and approve; the device's next poll then gets tokens.
/// </summary>
public sealed class BrowserDeviceTests(SampleServerFixture server)
{
    [Fact]
    public async Task EnterTheCodeSignInAndApprove_InChromium_LetsTheDevicePollForTokens()
    {
        using var device = server.CreateClient();
        using var started = await device.PostAsync("device_authorization", new FormUrlEncodedContent([new("client_id", "demo-device"), new("scope", "read")]), TestContext.Current.CancellationToken);
        var json = await OAuthHttp.ReadJsonAsync(started);
        var userCode = json.GetProperty("user_code").GetString()!;
        var deviceCode = json.GetProperty("device_code").GetString()!;

        await using var session = await BrowserSession.StartAsync();
        var entry = await session.Page.GotoAsync(json.GetProperty("verification_uri").GetString()!);
        Assert.Equal(200, entry?.Status);
        await session.Page.FillAsync("#user_code", userCode.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());
        await session.Page.ClickAsync("#continue");
        Assert.Equal("demo-device", await session.Page.TextContentAsync("#client-id"));
        Assert.Equal(userCode, await session.Page.TextContentAsync("#user-code"));
        await session.Page.FillAsync("#username", SampleServerFixture.Username);
        await session.Page.FillAsync("#password", SampleServerFixture.Password);
        await session.Page.ClickAsync("#approve");
        Assert.Equal("Approved", await session.Page.GetAttributeAsync("#result", "data-result"));

        var (response, tokens) = await OAuthHttp.PostTokenAsync(device,
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), new("client_id", "demo-device"), new("device_code", deviceCode),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = await OAuthHttp.GetWithTokenAsync(device, "api/me", tokens.GetProperty("access_token").GetString());
        Assert.Equal("user-alice", (await OAuthHttp.ReadJsonAsync(me)).GetProperty("sub").GetString());
    }
}
