using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.SigningKeys;

/// <summary>The sample with JWT access tokens and persisted, rotating keys, on a fake clock: the JWKS across a rotation.</summary>
public sealed class SampleKeyRotationHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));
        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static string KeyId(string jwt) => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    private static async Task<(string[] KeyIds, TimeSpan? MaxAge)> JwksAsync(HttpClient http)
    {
        using var response = await http.GetAsync("jwks", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("keys");
        foreach (var key in keys.EnumerateArray())
        {
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.Equal("ES256", key.GetProperty("alg").GetString());
            Assert.False(key.TryGetProperty("d", out _));
        }

        return ([.. keys.EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)], response.Headers.CacheControl?.MaxAge);
    }

    private static async Task<HttpStatusCode> CallApiAsync(HttpClient http, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Jwks_publishes_the_next_key_before_it_signs_and_keeps_the_retired_one_while_its_tokens_live()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sample = await RunningSample.StartAsync(
            [
                "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:SecretHashIterations=1000",
                "--OAuth2:Jwt:Enabled=true", "--OAuth2:Jwt:CheckRevocation=false",
                "--OAuth2:Jwt:SigningKeys:RotationInterval=1.00:00:00", "--OAuth2:Jwt:SigningKeys:PublishAhead=06:00:00",
                "--OAuth2:Jwt:SigningKeys:RetiredKeyRetention=01:00:00", "--OAuth2:Jwt:SigningKeys:RefreshInterval=00:05:00",
            ],
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            },
            Ct);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };

        var first = await TokenAsync(http);
        var (keys, maxAge) = await JwksAsync(http);
        Assert.Equal([KeyId(first)], keys);
        Assert.NotNull(maxAge);
        Assert.True(maxAge < TimeSpan.FromHours(6) - TimeSpan.FromMinutes(5), $"max-age {maxAge} must let caches learn a next key before it signs");

        clock.Advance(TimeSpan.FromHours(18) + TimeSpan.FromMinutes(1));
        var (published, _) = await JwksAsync(http);
        Assert.Equal(2, published.Length);
        Assert.Equal(KeyId(first), KeyId(await TokenAsync(http))); // published ahead, not yet signing
        var next = published[1];

        clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromMinutes(2));
        var lastOld = await TokenAsync(http);
        clock.Advance(TimeSpan.FromMinutes(2));
        var firstNew = await TokenAsync(http);
        Assert.Equal(next, KeyId(firstNew));
        Assert.Equal([next, KeyId(lastOld)], (await JwksAsync(http)).KeyIds);
        Assert.Equal(HttpStatusCode.OK, await CallApiAsync(http, lastOld));
        Assert.Equal(HttpStatusCode.OK, await CallApiAsync(http, firstNew));

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal([next], (await JwksAsync(http)).KeyIds);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallApiAsync(http, lastOld));
    }
}
