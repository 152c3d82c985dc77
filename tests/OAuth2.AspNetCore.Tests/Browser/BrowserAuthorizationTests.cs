using System.Net;
using Microsoft.Playwright;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.Browser;

/// <summary>
/// The authorization code flow in a real browser (Debian's chromium driven by Playwright): open /authorize for the
/// public PKCE client, sign in, approve, land on the sample's /callback, then exchange the code over HTTP.
/// </summary>
public sealed class BrowserAuthorizationTests(SampleServerFixture server)
{
    [Fact]
    public async Task SignInAndApprove_InChromium_DeliversCodeAndStateToTheCallback()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await OpenConsentPageAsync(session, "browser-state-1");
        await page.Page.FillAsync("#username", SampleServerFixture.Username);
        await page.Page.FillAsync("#password", SampleServerFixture.Password);
        await page.Page.ClickAsync("#approve");

        // Wait for an element only the callback page has, not for a load event: a navigation that completes before
        // the wait starts can leave a load-state wait hanging (seen once under heavy load).
        await page.Page.Locator("#code").WaitForAsync();
        Assert.Contains("/callback", page.Page.Url, StringComparison.Ordinal);

        var code = await page.Page.TextContentAsync("#code");
        var state = await page.Page.TextContentAsync("#state");
        Assert.False(string.IsNullOrEmpty(code));
        Assert.Equal("browser-state-1", state);

        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(client,
        [
            new("grant_type", "authorization_code"), new("code", code!), new("redirect_uri", server.CallbackUri),
            new("client_id", SampleServerFixture.PublicClientId), new("code_verifier", page.Pkce.Verifier),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", json.GetProperty("access_token").GetString());
        Assert.Equal("user-alice", (await OAuthHttp.ReadJsonAsync(me)).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task WrongPasswordThenDeny_InChromium_ShowsTheErrorThenReturnsAccessDenied()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await OpenConsentPageAsync(session, "browser-state-2");
        await page.Page.FillAsync("#username", SampleServerFixture.Username);
        await page.Page.FillAsync("#password", "wrong");
        await page.Page.ClickAsync("#approve");
        Assert.Contains("Wrong username or password", await page.Page.TextContentAsync("#error"), StringComparison.Ordinal);

        await page.Page.ClickAsync("#deny");
        await page.Page.Locator("#state").WaitForAsync();
        Assert.Contains("/callback", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal("access_denied", await page.Page.TextContentAsync("#error"));
        Assert.Equal("browser-state-2", await page.Page.TextContentAsync("#state"));
        Assert.Equal(0, await page.Page.Locator("#code").CountAsync());
    }

    private async Task<(IPage Page, PkcePair Pkce)> OpenConsentPageAsync(BrowserSession session, string state)
    {
        var pkce = PkcePair.Create();
        var url = new Uri(server.BaseAddress, "authorize?" + SignInForm.AuthorizeQuery(SampleServerFixture.PublicClientId, server.CallbackUri, "read", state, pkce));
        var response = await session.Page.GotoAsync(url.ToString());
        Assert.Equal(200, response?.Status);
        Assert.Equal("demo-public", await session.Page.TextContentAsync("#client-id"));
        return (session.Page, pkce);
    }
}
