using System.Net;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.Abuse;

/// <summary>Request rate limits over real HTTP: per remote address and per client id, answered 429 with Retry-After.</summary>
public sealed class RateLimitHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> AuthorizeDeviceAsync(HttpClient client)
        => await client.PostAsync("device_authorization", new FormUrlEncodedContent([new("client_id", "demo-device"), new("scope", "read")]), Ct);

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = await OAuthHttp.ReadJsonAsync(response);
        Assert.Equal("slow_down", json.GetProperty("error").GetString());
        Assert.Equal("Too many requests: try again later", json.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task DeviceAuthorization_FloodFromOneAddress_Gets429_AndOtherAddressesAreServed()
    {
        await using var sample = await AbuseSample.StartAsync();
        using var flood = sample.ClientFrom("127.0.0.2");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 100; i++)
        {
            var response = await AuthorizeDeviceAsync(flood);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused?.Dispose();
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        // The default: 60 a minute per address, so the flood stores 60 pending authorizations, not 100.
        Assert.Equal(60, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused);
        await AssertRateLimitedAsync(refused);
        refused.Dispose();

        using var other = sample.ClientFrom("127.0.0.3");
        using var served = await AuthorizeDeviceAsync(other);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task DeviceAuthorization_PerClientLimit_HoldsAcrossAddresses()
    {
        await using var sample = await AbuseSample.StartAsync("--OAuth2:RateLimits:DeviceAuthorization:PerClient:PermitLimit=5");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var client = sample.ClientFrom($"127.0.0.{10 + i}");
            using var response = await AuthorizeDeviceAsync(client);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertRateLimitedAsync(response);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
    }

    [Fact]
    public async Task Token_PerAddressLimit_IsConfigurable()
    {
        await using var sample = await AbuseSample.StartAsync("--OAuth2:RateLimits:Token:PerAddress:PermitLimit=3");
        using var client = sample.ClientFrom("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var (response, _) = await OAuthHttp.PostTokenAsync(
                client, [new("grant_type", "client_credentials")], OAuthHttp.Basic(SampleServerFixture.ConfidentialClientId, SampleServerFixture.ConfidentialClientSecret));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task DeviceVerificationPage_IsLimitedPerAddress()
    {
        await using var sample = await AbuseSample.StartAsync();
        using var client = sample.ClientFrom("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 35; i++)
        {
            using var response = await client.GetAsync("device?user_code=BCDF-GHJK", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        // 30 a minute per address by default (user codes are short).
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
