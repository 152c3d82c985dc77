using System.Net;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>The sample's sign-in and consent page: validation, CSRF, credentials, Deny, encoding and headers.</summary>
public sealed class AuthorizePageTests(SampleServerFixture server)
{
    [Fact]
    public async Task ConsentPage_ShowsClientAndScopes_WithFramingAndReferrerProtection()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("authorize?" + SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read write", "s", PkcePair.Create()), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("demo-public", html, StringComparison.Ordinal);
        Assert.Contains("<li>read</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>write</li>", html, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.NotNull(OAuthHttp.InputValue(html, "__RequestVerificationToken"));
    }

    [Fact]
    public async Task EchoedValues_AreHtmlEncoded()
    {
        using var client = server.CreateClient();
        var html = await SignInForm.OpenAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "<script>alert(1)</script>\"x", PkcePair.Create()));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>\"x", OAuthHttp.InputValue(html, "state"));
    }

    [Fact]
    public async Task WrongPassword_ShowsTheFormAgainWithAnError_AndNoCode()
    {
        using var client = server.CreateClient();
        var html = await SignInForm.OpenAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()));
        using var response = await SignInForm.SubmitAsync(client, html, Username, "wrong-password", "true");
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Wrong username or password", page, StringComparison.Ordinal);
        Assert.Equal(Username, OAuthHttp.InputValue(page, "username"));

        // The re-rendered form works.
        using var retry = await SignInForm.SubmitAsync(client, page, Username, Password, "true");
        Assert.Equal(HttpStatusCode.SeeOther, retry.StatusCode);
        Assert.Contains("code", OAuthHttp.ParseQuery(retry.Headers.Location!).Keys);
    }

    [Fact]
    public async Task Deny_RedirectsWithAccessDeniedAndState()
    {
        using var client = server.CreateClient();
        var html = await SignInForm.OpenAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "deny-state", PkcePair.Create()));
        using var response = await SignInForm.SubmitAsync(client, html, null, null, "false");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var query = OAuthHttp.ParseQuery(response.Headers.Location!);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("deny-state", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRefused_AndIssuesNoCode()
    {
        using var client = server.CreateClient();
        var html = await SignInForm.OpenAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()));
        using var response = await SignInForm.SubmitAsync(client, html, Username, Password, "true", includeAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task PostFromAnotherBrowserSession_IsRefused()
    {
        using var victim = server.CreateClient();
        var html = await SignInForm.OpenAsync(victim, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()));
        using var attacker = server.CreateClient(); // no antiforgery cookie: the token alone is not enough
        using var response = await SignInForm.SubmitAsync(attacker, html, Username, Password, "true");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task UnknownClient_Is400AndNeverRedirects()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("authorize?" + SignInForm.AuthorizeQuery("no-such-client", server.CallbackUri, "read", "s", PkcePair.Create()), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        Assert.Null(response.Headers.Location);
        Assert.Equal("invalid_client", (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnregisteredRedirectUri_Is400AndNeverRedirects()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("authorize?" + SignInForm.AuthorizeQuery(PublicClientId, "https://evil.example/cb", "read", "s", PkcePair.Create()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task UnknownClient_ForABrowser_IsAnHtmlErrorPage()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "authorize?" + SignInForm.AuthorizeQuery("no-such-client", server.CallbackUri, "read", "s", null));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid_client", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicClientWithoutPkce_IsRedirectedWithInvalidRequest()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("authorize?" + SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "nopkce", null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = OAuthHttp.ParseQuery(response.Headers.Location!);
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("nopkce", query["state"]);
    }

    [Fact]
    public async Task CallbackPage_ShowsCodeAndStateEncoded()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("callback?code=abc&state=%3Cb%3E", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<dd id=\"code\">abc</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"state\">&lt;b&gt;</dd>", html, StringComparison.Ordinal);
    }
}
