using System.Net;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Abuse;

/// <summary>
/// Failed-authentication throttling over real HTTP against the sample with its default limits: wrong passwords
/// (password grant, sign-in page, device page) and wrong client secrets lock the identifier from that address, the
/// right credentials are refused while locked and accepted after the window, and another address is unaffected.
/// </summary>
public sealed class FailedAuthenticationHttpTests
{
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(HttpResponseMessage Response, JsonElement Json)> PasswordGrantAsync(HttpClient client, string password)
        => OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "password"), new("username", Username), new("password", password), new("scope", "read")],
            OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret));

    private static void AssertThrottled(HttpResponseMessage response, JsonElement json)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("slow_down", json.GetProperty("error").GetString());
        Assert.Contains("failed authentication", json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task PasswordGrant_After30WrongPasswords_TheRightOneIsRefusedUntilTheWindowEnds()
    {
        await using var sample = await AbuseSample.StartAsync();
        using var attacker = sample.ClientFrom("127.0.0.2");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var (wrong, json) = await PasswordGrantAsync(attacker, "wrong-password-" + i);
            statuses.Add(wrong.StatusCode);
            if (wrong.StatusCode == HttpStatusCode.TooManyRequests)
            {
                AssertThrottled(wrong, json);
            }
            else
            {
                Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
            }
        }

        // The default: 5 wrong passwords per username and address, then refused without being checked.
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        var (locked, lockedJson) = await PasswordGrantAsync(attacker, Password);
        AssertThrottled(locked, lockedJson);
        Assert.False(lockedJson.TryGetProperty("access_token", out _));
        Assert.DoesNotContain(Password, lockedJson.GetRawText(), StringComparison.Ordinal);

        sample.Clock.Advance(PastTheWindow);
        var (after, afterJson) = await PasswordGrantAsync(attacker, Password);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(string.IsNullOrEmpty(afterJson.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task SignInPage_After40WrongPasswords_TheRightOneIsRefusedUntilTheWindowEnds()
    {
        await using var sample = await AbuseSample.StartAsync();
        using var browser = sample.ClientFrom("127.0.0.2");
        var html = await SignInForm.OpenAsync(browser, SignInForm.AuthorizeQuery(PublicClientId, sample.CallbackUri, "read", "s", PkcePair.Create()));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var wrong = await SignInForm.SubmitAsync(browser, html, Username, "wrong-password-" + i, "true");
            html = await wrong.Content.ReadAsStringAsync(Ct);
            statuses.Add(wrong.StatusCode);
            Assert.Null(wrong.Headers.Location);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(35, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Contains("Too many failed sign-in attempts", html, StringComparison.Ordinal);

        using var locked = await SignInForm.SubmitAsync(browser, html, Username, Password, "true");
        html = await locked.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Null(locked.Headers.Location);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal);

        // Another address signs in as usual meanwhile (below the per-username total).
        using var other = sample.ClientFrom("127.0.0.3");
        var (code, _) = await SignInForm.ApproveAsync(other, SignInForm.AuthorizeQuery(PublicClientId, sample.CallbackUri, "read", "s", PkcePair.Create()));
        Assert.False(string.IsNullOrEmpty(code));

        sample.Clock.Advance(PastTheWindow);
        using var after = await SignInForm.SubmitAsync(browser, html, Username, Password, "true");
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
        Assert.Contains("code", OAuthHttp.ParseQuery(after.Headers.Location!).Keys);
    }

    [Fact]
    public async Task RightSecret_KeepsWorkingFromALegitimateAddress_WhileTheAttackersAddressIsRefused()
    {
        // A thousandth of the default PBKDF2 work keeps the test quick; the throttle does not depend on it.
        await using var sample = await AbuseSample.StartAsync("--OAuth2:SecretHashIterations=600");
        using var attacker = sample.ClientFrom("127.0.0.2");
        using var legitimate = sample.ClientFrom("127.0.0.3");
        var rightSecret = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);
        KeyValuePair<string, string>[] form = [new("grant_type", "client_credentials"), new("scope", "read")];

        var attackerStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var (wrong, _) = await OAuthHttp.PostTokenAsync(attacker, form, OAuthHttp.Basic(ConfidentialClientId, "guess-" + i));
            attackerStatuses.Add(wrong.StatusCode);
            var (ok, okJson) = await OAuthHttp.PostTokenAsync(legitimate, form, rightSecret);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.False(string.IsNullOrEmpty(okJson.GetProperty("access_token").GetString()));
        }

        // The default: 10 wrong secrets per client id and address, then refused before the secret is hashed.
        Assert.Equal(10, attackerStatuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(20, attackerStatuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Even the right secret is refused from the locked address (a lockout that let it through would confirm a guess).
        var (locked, lockedJson) = await OAuthHttp.PostTokenAsync(attacker, form, rightSecret);
        AssertThrottled(locked, lockedJson);

        // The same lockout guards every client-authenticating endpoint.
        using var revoke = await attacker.PostAsync("revoke", new FormUrlEncodedContent([new("token", "x"), new("client_id", ConfidentialClientId), new("client_secret", ConfidentialClientSecret)]), Ct);
        AssertThrottled(revoke, await OAuthHttp.ReadJsonAsync(revoke));
        using var introspect = await attacker.PostAsync("introspect", new FormUrlEncodedContent([new("token", "x"), new("client_id", ConfidentialClientId), new("client_secret", ConfidentialClientSecret)]), Ct);
        AssertThrottled(introspect, await OAuthHttp.ReadJsonAsync(introspect));

        sample.Clock.Advance(PastTheWindow);
        var (after, _) = await OAuthHttp.PostTokenAsync(attacker, form, rightSecret);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ConcurrentWrongSecrets_AreCutOffAtTheLimit_AndCostNoMoreSecretChecks()
    {
        await using var sample = await AbuseSample.StartAsync("--OAuth2:SecretHashIterations=600");
        using var attacker = sample.ClientFrom("127.0.0.4", maxConnections: 16);
        KeyValuePair<string, string>[] form = [new("grant_type", "client_credentials")];

        // Over 16 connections at once, as in the report that found the gap.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
            (await OAuthHttp.PostTokenAsync(attacker, form, OAuthHttp.Basic(ConfidentialClientId, "guess-" + i))).Response.StatusCode));

        // Checks already in flight when the limit is reached still finish, so up to 15 more than 10 may be answered 401.
        var checkedAttempts = attempts.Count(s => s == HttpStatusCode.Unauthorized);
        Assert.InRange(checkedAttempts, 10, 10 + 15);
        Assert.Equal(64 - checkedAttempts, attempts.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
