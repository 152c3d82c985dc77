using System.Diagnostics;
using System.Net;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.Storage.Redis.Testing;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Security;

/// <summary>
/// The sample on Redis, with the Redis killed (a private redis-server this test started): the browser pages answer
/// 503 "temporarily unavailable", as every endpoint does, never a 500 or a claim that the application erred, and
/// within the store's own timeout (here 1 s; the elapsed time is written to the test output, not asserted).
/// </summary>
public sealed class StoreOutagePageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Html, TimeSpan Elapsed, HttpResponseMessage Response)> GetHtmlAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var watch = Stopwatch.StartNew();
        var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, html, watch.Elapsed, response);
    }

    [Fact]
    public async Task Pages_answer_503_temporarily_unavailable_while_the_store_is_down()
    {
        await using var redis = await RedisServerProcess.StartAsync(cancellationToken: Ct);
        await using var sample = await RunningSample.StartAsync(
            [
                "--urls=http://127.0.0.1:0",
                "--Logging:LogLevel:Default=Critical",
                "--OAuth2:Storage=Redis",
                "--OAuth2:SecretHashIterations=1000",
                $"--ConnectionStrings:Redis={redis.EndPoint},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1",
            ],
            Ct);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sample.BaseAddress };
        var callback = new Uri(sample.BaseAddress, "/callback").ToString();

        // Up: the pages work.
        var (upStatus, _, _, _) = await GetHtmlAsync(client, "authorize?" + SignInForm.AuthorizeQuery(PublicClientId, callback, "read", "s", PkcePair.Create()));
        Assert.Equal(HttpStatusCode.OK, upStatus);

        redis.Kill();

        var device = await GetHtmlAsync(client, "device?user_code=BCDF-GHJK");
        TestContext.Current.TestOutputHelper?.WriteLine($"GET /device?user_code during the outage: {(int)device.Status} after {device.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, device.Status);
        Assert.Contains("temporarily unavailable", device.Html, StringComparison.Ordinal);
        Assert.True(device.Response.Headers.RetryAfter is not null, "Retry-After on 503");

        var authorize = await GetHtmlAsync(client, "authorize?" + SignInForm.AuthorizeQuery(PublicClientId, callback, "read", "s", PkcePair.Create()));
        TestContext.Current.TestOutputHelper?.WriteLine($"GET /authorize during the outage: {(int)authorize.Status} after {authorize.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, authorize.Status);
        Assert.Contains("temporarily unavailable", authorize.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid", authorize.Html, StringComparison.OrdinalIgnoreCase);
        Assert.True(authorize.Response.Headers.RetryAfter is not null, "Retry-After on 503");

        device.Response.Dispose();
        authorize.Response.Dispose();
    }
}
