using System.Net;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>The bearer scheme's answers at the protected resource (RFC 6750 section 3).</summary>
public sealed class ResourceTests(SampleServerFixture server)
{
    private async Task<string> TokenAsync(HttpClient client, string scope)
    {
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials"), new("scope", scope)], OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return json.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task WithoutToken_Is401WithBareBearerChallenge()
    {
        using var client = server.CreateClient();
        using var response = await OAuthHttp.GetWithTokenAsync(client, "api/me", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"OAuth2 Sample\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task WithUnknownToken_Is401InvalidToken()
    {
        using var client = server.CreateClient();
        using var response = await OAuthHttp.GetWithTokenAsync(client, "api/me", "not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer realm=\"OAuth2 Sample\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Equal("invalid_token", (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task WithTooLittleScope_Is403InsufficientScopeNamingTheScope()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client, "read");
        using var response = await OAuthHttp.GetWithTokenAsync(client, "api/admin", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Bearer realm=\"OAuth2 Sample\", error=\"insufficient_scope\", scope=\"admin\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("insufficient_scope", (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task WithTheScope_Is200()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client, "read admin");
        using var response = await OAuthHttp.GetWithTokenAsync(client, "api/admin", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithMalformedAuthorizationHeader_IsRefusedWithChallenge()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer a b c");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
