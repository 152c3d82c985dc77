using System.Net;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// The device authorization grant (RFC 8628) over real HTTP against the sample: the device's endpoint, the
/// verification page (enter the code, sign in, approve or deny) and polling with every error the RFC lists.
/// </summary>
public sealed class DeviceFlowTests(SampleServerFixture server)
{
    private const string DeviceClientId = "demo-device";
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpResponseMessage Response, JsonElement Json)> AuthorizeDeviceAsync(HttpClient client, params KeyValuePair<string, string>[] form)
    {
        var response = await client.PostAsync("device_authorization", new FormUrlEncodedContent(form), Ct);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    private static async Task<(string DeviceCode, string UserCode, JsonElement Json)> StartAsync(HttpClient client, string scope = "read")
    {
        var (response, json) = await AuthorizeDeviceAsync(client, new("client_id", DeviceClientId), new("scope", scope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (json.GetProperty("device_code").GetString()!, json.GetProperty("user_code").GetString()!, json);
    }

    private static Task<(HttpResponseMessage Response, JsonElement Json)> PollAsync(HttpClient client, string deviceCode)
        => OAuthHttp.PostTokenAsync(client, [new("grant_type", DeviceGrant), new("client_id", DeviceClientId), new("device_code", deviceCode)]);

    private static async Task<string> OpenVerificationPageAsync(HttpClient client, string userCode)
    {
        var response = await client.GetAsync("device?user_code=" + Uri.EscapeDataString(userCode), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    private static Task<HttpResponseMessage> SubmitVerificationAsync(HttpClient client, string html, string password, string allowed, bool antiforgery = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("user_code", OAuthHttp.InputValue(html, "user_code")!),
            new("username", Username),
            new("password", password),
            new("allowed", allowed),
        };
        if (antiforgery)
        {
            fields.Add(new("__RequestVerificationToken", OAuthHttp.InputValue(html, "__RequestVerificationToken")!));
        }

        return client.PostAsync("device", new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task DeviceAuthorization_AnswersWithCodesAndTheSamplesVerificationPage()
    {
        using var client = server.CreateClient();
        var (response, json) = await AuthorizeDeviceAsync(client, new("client_id", DeviceClientId), new("scope", "read write"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var userCode = json.GetProperty("user_code").GetString()!;
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", userCode);
        Assert.Equal(new Uri(server.BaseAddress, "device").ToString(), json.GetProperty("verification_uri").GetString());
        Assert.Equal(new Uri(server.BaseAddress, "device?user_code=" + userCode).ToString(), json.GetProperty("verification_uri_complete").GetString());
        Assert.Equal(600, json.GetProperty("expires_in").GetInt32());
        Assert.Equal(5, json.GetProperty("interval").GetInt32());
        Assert.Equal(43, json.GetProperty("device_code").GetString()!.Length);
    }

    [Fact]
    public async Task ApproveOnTheVerificationPage_ThenOnePollGetsTokensThatTheApiAccepts()
    {
        using var device = server.CreateClient();
        using var browser = server.CreateClient();
        var (deviceCode, userCode, _) = await StartAsync(device, "read");

        var html = await OpenVerificationPageAsync(browser, userCode.ToLowerInvariant());
        Assert.Contains("Demo device (TV, CLI)", html, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"user-code\">{userCode}</code>", html, StringComparison.Ordinal);
        using var approved = await SubmitVerificationAsync(browser, html, Password, "true");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("data-result=\"Approved\"", await approved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var (granted, tokens) = await PollAsync(device, deviceCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("read", tokens.GetProperty("scope").GetString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        using var me = await OAuthHttp.GetWithTokenAsync(device, "api/me", tokens.GetProperty("access_token").GetString());
        Assert.Equal("user-alice", (await OAuthHttp.ReadJsonAsync(me)).GetProperty("sub").GetString());

        var (again, error) = await PollAsync(device, deviceCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task PollingBeforeTheDecision_IsAuthorizationPending_AndTooFastIsSlowDown()
    {
        using var device = server.CreateClient();
        var (deviceCode, _, _) = await StartAsync(device);

        var (pending, pendingJson) = await PollAsync(device, deviceCode);
        var (tooFast, tooFastJson) = await PollAsync(device, deviceCode);

        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
        Assert.Equal("authorization_pending", pendingJson.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooFast.StatusCode);
        Assert.Equal("slow_down", tooFastJson.GetProperty("error").GetString());
        Assert.Equal("no-store", tooFast.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task DenyOnTheVerificationPage_IsAccessDeniedForTheDevice()
    {
        using var device = server.CreateClient();
        using var browser = server.CreateClient();
        var (deviceCode, userCode, _) = await StartAsync(device);

        var html = await OpenVerificationPageAsync(browser, userCode);
        using var denied = await SubmitVerificationAsync(browser, html, Password, "false");
        Assert.Contains("data-result=\"Denied\"", await denied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var (response, json) = await PollAsync(device, deviceCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("access_denied", json.GetProperty("error").GetString());
        using var reopened = await browser.GetAsync("device?user_code=" + userCode, Ct);
        Assert.Equal(HttpStatusCode.NotFound, reopened.StatusCode);
    }

    [Fact]
    public async Task VerificationPage_RefusesAWrongPasswordAForgedPostAndAnUnknownCode()
    {
        using var device = server.CreateClient();
        using var browser = server.CreateClient();
        var (deviceCode, userCode, _) = await StartAsync(device);
        var html = await OpenVerificationPageAsync(browser, userCode);

        using var wrong = await SubmitVerificationAsync(browser, html, "wrong-password", "true");
        Assert.Contains("Wrong username or password", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var forged = await SubmitVerificationAsync(server.CreateClient(), html, Password, "true", antiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var unknown = await browser.GetAsync("device?user_code=BCDF-GHJK", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unknown, has expired or was already used", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var (pending, json) = await PollAsync(device, deviceCode);
        Assert.Equal("authorization_pending", json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
    }

    [Theory]
    [InlineData("client_id=nobody", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("client_id=demo-public", HttpStatusCode.BadRequest, "unauthorized_client")]
    [InlineData("client_id=demo-device&scope=admin", HttpStatusCode.BadRequest, "invalid_scope")]
    [InlineData("client_id=demo-device&client_id=demo-device", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("client_id=demo-device&scope=%zz", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task DeviceAuthorization_BadRequestsGetTheRfcError(string body, HttpStatusCode status, string error)
    {
        using var client = server.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync("device_authorization", content, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("", "invalid_request")]
    [InlineData("unknown-device-code", "invalid_grant")]
    public async Task Poll_WithAMissingOrUnknownDeviceCode_GetsTheRfcError(string deviceCode, string error)
    {
        using var client = server.CreateClient();
        var form = new List<KeyValuePair<string, string>> { new("grant_type", DeviceGrant), new("client_id", DeviceClientId) };
        if (deviceCode.Length > 0)
        {
            form.Add(new("device_code", deviceCode));
        }

        var (response, json) = await OAuthHttp.PostTokenAsync(client, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Metadata_NamesTheDeviceEndpointAndGrant()
    {
        using var client = server.CreateClient();
        var json = await OAuthHttp.ReadJsonAsync(await client.GetAsync(".well-known/oauth-authorization-server", Ct));

        Assert.Equal(new Uri(server.BaseAddress, "device_authorization").ToString(), json.GetProperty("device_authorization_endpoint").GetString());
        Assert.Contains(DeviceGrant, json.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AfterItsLifetime_TheDeviceIsToldExpiredToken()
    {
        await using var shortLived = await RunningSample.StartAsync(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:DeviceCodeLifetime=00:00:02"], Ct);
        using var device = new HttpClient { BaseAddress = shortLived.BaseAddress };
        var (deviceCode, userCode, json) = await StartAsync(device);
        Assert.Equal(2, json.GetProperty("expires_in").GetInt32());

        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);

        var (response, error) = await PollAsync(device, deviceCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("expired_token", error.GetProperty("error").GetString());
        using var page = await device.GetAsync("device?user_code=" + userCode, Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
