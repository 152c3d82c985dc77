using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.ProtectedResource;

/// <summary>
/// RFC 9728 with <c>AddOAuth2Bearer</c>: once the app describes itself (<c>AddOAuth2ProtectedResource</c>), each of
/// the scheme's challenges (no token, a bad token, a missing scope) ends with <c>resource_metadata</c>; without it
/// the challenges are unchanged (the sample as shipped, asserted in Rfc6750BearerTests).
/// </summary>
public sealed class BearerResourceMetadataTests
{
    private const string Resource = "http://127.0.0.1:5000/api";
    private const string Parameter = "resource_metadata=\"http://127.0.0.1:5000/.well-known/oauth-protected-resource/api\"";

    private static Task<RunningSample> StartAsync()
        => RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:SecretHashIterations=1000"],
            services => services.AddOAuth2ProtectedResource(o =>
            {
                o.Resource = Resource;
                o.AuthorizationServers.Add("http://127.0.0.1:5000");
                o.ScopesSupported.Add("read");
            }),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task Every_bearer_challenge_points_at_the_protected_resource_metadata()
    {
        await using var sample = await StartAsync();
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        var (_, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials"), new("scope", "read")], OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret));
        var token = json.GetProperty("access_token").GetString()!;

        using var noToken = await client.GetAsync("/api/me", TestContext.Current.CancellationToken);
        using var badToken = await SendAsync(client, "/api/me", "not-a-token");
        using var noScope = await SendAsync(client, "/api/admin", token);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("Bearer realm=\"OAuth2 Sample\", " + Parameter, noToken.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Contains("error=\"invalid_token\"", badToken.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", " + Parameter, badToken.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal("Bearer realm=\"OAuth2 Sample\", error=\"insufficient_scope\", scope=\"admin\", " + Parameter, noScope.Headers.WwwAuthenticate.ToString());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
