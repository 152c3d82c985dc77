using System.Net;
using Duende.IdentityModel.Client;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.IdentityModel.Tests.Support;

namespace OAuth2.IdentityModel.Tests;

/// <summary>
/// Every grant the sample offers, requested through IdentityModel's <c>HttpClient</c> extensions with its default
/// options (client credentials in the Basic header, form-encoded per RFC 6749 section 2.3.1; a public client's id in
/// Basic with an empty password).
/// </summary>
public sealed class TokenGrantTests(SampleServerFixture server)
{
    private static CancellationToken Ct => Demo.Ct;

    private async Task<string> MeAsync(HttpClient http, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "api/me"));
        request.SetBearerToken(accessToken);
        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    [Fact]
    public async Task Client_credentials()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var token = Demo.Ok(await http.RequestClientCredentialsTokenAsync(
            new ClientCredentialsTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.ConfidentialId, ClientSecret = Demo.ConfidentialSecret, Scope = "read" }, Ct));

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal("read", token.Scope);
        Assert.Null(token.RefreshToken);
        Assert.Contains("\"sub\":\"demo-client\"", await MeAsync(http, token.AccessToken!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_credentials_with_a_wrong_secret_is_invalid_client()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var token = await http.RequestClientCredentialsTokenAsync(
            new ClientCredentialsTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.ConfidentialId, ClientSecret = "wrong" }, Ct);

        Assert.True(token.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, token.HttpStatusCode);
        // IdentityModel reports a 401 as an HTTP error (Error is the reason phrase); the body is still the RFC's.
        Assert.Equal(ResponseErrorType.Http, token.ErrorType);
        Assert.Equal("invalid_client", token.TryGet("error"));
    }

    [Fact]
    public async Task Password()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var token = await Demo.PasswordTokenAsync(http, disco, "read write");

        Assert.Equal("read write", token.Scope);
        Assert.NotNull(token.RefreshToken);
        Assert.Contains("\"sub\":\"user-alice\"", await MeAsync(http, token.AccessToken!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_code_with_pkce_for_the_confidential_client()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var (code, verifier) = await Browserless.SignInAsync(server, disco, Demo.ConfidentialId, Demo.ConfidentialRedirectUri);

        var token = Demo.Ok(await http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest
            {
                Address = disco.TokenEndpoint,
                ClientId = Demo.ConfidentialId,
                ClientSecret = Demo.ConfidentialSecret,
                Code = code,
                RedirectUri = Demo.ConfidentialRedirectUri,
                CodeVerifier = verifier,
            }, Ct));

        Assert.Equal("read write", token.Scope);
        Assert.Contains("\"client_id\":\"demo-client\"", await MeAsync(http, token.AccessToken!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_code_with_pkce_for_the_public_client_then_refresh_with_rotation_and_reuse_detection()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var (code, verifier) = await Browserless.SignInAsync(server, disco, Demo.PublicId, server.CallbackUri);

        // No ClientSecret: IdentityModel sends Authorization: Basic base64("demo-public:") by default.
        var token = Demo.Ok(await http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, Code = code, RedirectUri = server.CallbackUri, CodeVerifier = verifier }, Ct));
        Assert.Contains("\"client_id\":\"demo-public\"", await MeAsync(http, token.AccessToken!), StringComparison.Ordinal);

        var refreshed = Demo.Ok(await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, RefreshToken = token.RefreshToken! }, Ct));
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        await MeAsync(http, refreshed.AccessToken!);

        // Presenting the rotated-out refresh token again revokes the whole family, the new refresh token included.
        var reuse = await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, RefreshToken = token.RefreshToken! }, Ct);
        Assert.Equal("invalid_grant", reuse.Error);
        var afterReuse = await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, RefreshToken = refreshed.RefreshToken! }, Ct);
        Assert.Equal("invalid_grant", afterReuse.Error);
    }

    [Fact]
    public async Task Refresh_for_the_confidential_client_rotates()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var token = await Demo.PasswordTokenAsync(http, disco, "read");

        var refreshed = Demo.Ok(await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.ConfidentialId, ClientSecret = Demo.ConfidentialSecret, RefreshToken = token.RefreshToken! }, Ct));
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
        Assert.Equal("read", refreshed.Scope);
    }
}
