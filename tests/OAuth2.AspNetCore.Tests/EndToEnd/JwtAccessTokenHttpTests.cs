using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>The sample with JWT access tokens switched on: RFC 9068 tokens, the JWKS, and jwks_uri in the metadata.</summary>
public sealed class JwtAccessTokenHttpTests
{
    [Fact]
    public async Task Sample_issues_jwt_access_tokens_publishes_its_key_and_accepts_the_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sample = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Jwt:Enabled=true", "--OAuth2:SecretHashIterations=1000"], ct);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };

        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));
        using var tokenResponse = await http.SendAsync(request, ct);
        var body = await tokenResponse.Content.ReadAsStringAsync(ct);
        Assert.True(tokenResponse.StatusCode == HttpStatusCode.OK, body);
        var jwt = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[0])).RootElement;
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());

        var jwks = JsonDocument.Parse(await http.GetStringAsync("jwks", ct)).RootElement;
        Assert.Equal(header.GetProperty("kid").GetString(), jwks.GetProperty("keys")[0].GetProperty("kid").GetString());
        var metadata = JsonDocument.Parse(await http.GetStringAsync(".well-known/oauth-authorization-server", ct)).RootElement;
        Assert.EndsWith("/jwks", metadata.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var me = await http.GetAsync("api/me", ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Jwks_is_404_while_tokens_are_opaque()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sample = await RunningSample.StartAsync(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], ct);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };

        using var jwks = await http.GetAsync("jwks", ct);
        Assert.Equal(HttpStatusCode.NotFound, jwks.StatusCode);
        var metadata = JsonDocument.Parse(await http.GetStringAsync(".well-known/oauth-authorization-server", ct)).RootElement;
        Assert.False(metadata.TryGetProperty("jwks_uri", out _));
    }
}
