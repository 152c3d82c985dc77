using System.Text.Json;
using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Server;

/// <summary>The protocol messages of RFC 6749 and RFC 6750, replayed byte for byte (checklist section 2.3).</summary>
public sealed class RfcExampleTests
{
    private const string Code = "SplxlOBeZQQYbYS6WxSbIA";
    private const string AccessToken = "2YotnFZFEjr1zCsicMWpAA";
    private const string RefreshTokenValue = "tGzv3JOkF0XG5Qx2TlKWIA";
    private const string RfcBasic = "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW";

    private readonly Harness _h = Harness.For<IGeneratingModel>();

    public RfcExampleTests()
    {
        _h.AddClient(new OAuth2Client
        {
            Id = "s6BhdRkqt3",
            SecretHash = ClientSecretHasher.HashGeneratedSecret("gX1fBat3bV"),
            RedirectUris = ["https://client.example.com/cb"],
            Grants = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        });
        var generator = (IGeneratingModel)_h.Model;
        generator.GenerateAuthorizationCodeAsync(default!, default!, default!, default).ReturnsForAnyArgs(Code);
        generator.GenerateAccessTokenAsync(default!, default!, default!, default).ReturnsForAnyArgs(AccessToken);
        generator.GenerateRefreshTokenAsync(default!, default!, default!, default).ReturnsForAnyArgs(RefreshTokenValue);
    }

    [Fact]
    public async Task Section_4_1_authorization_code_flow()
    {
        AuthorizationCode? saved = null;
        await _h.Model.SaveAuthorizationCodeAsync(Code, Arg.Do<AuthorizationCode>(d => saved = d), Arg.Any<CancellationToken>());
        var authorize = await _h.AuthorizeAsync("response_type=code&client_id=s6BhdRkqt3&state=xyz&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb");
        Assert.Equal(302, authorize.Response.StatusCode);
        // The RFC 6749 example, plus the RFC 9207 iss every authorization response now carries.
        Assert.Equal("https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fas.example.com", authorize.Response.Headers["Location"]);

        _h.AddCode(Code, saved);
        var token = await _h.TokenAsync(Requests.Token(
            "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb", RfcBasic));
        Assert.Equal(200, token.Response.StatusCode);
        Assert.Equal("no-store", token.Response.Headers["Cache-Control"]);
        Assert.Equal("no-cache", token.Response.Headers["Pragma"]);
        Assert.Equal(
            """{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}""",
            System.Text.Encoding.UTF8.GetString(token.Response.GetJsonBody()));
    }

    [Fact]
    public async Task Section_6_refresh()
    {
        _h.AddRefreshToken(RefreshTokenValue, _h.NewRefreshToken("s6BhdRkqt3") with { Scope = [] });
        ((IGeneratingModel)_h.Model).GenerateRefreshTokenAsync(default!, default!, default!, default).ReturnsForAnyArgs("new-refresh");
        var result = await _h.TokenAsync(Requests.Token("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA", RfcBasic));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("new-refresh", result.Response.Body!["refresh_token"]);
    }

    [Fact]
    public async Task Section_4_1_2_1_error_response()
    {
        var result = await _h.AuthorizeAsync("response_type=code&client_id=s6BhdRkqt3&state=xyz&allowed=false");
        Assert.StartsWith("https://client.example.com/cb?error=access_denied&error_description=", result.Response.Headers["Location"], StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz&iss=https%3A%2F%2Fas.example.com", result.Response.Headers["Location"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_5_2_error_response()
    {
        var result = await _h.TokenAsync(Requests.Token("code=x", RfcBasic));
        Assert.Equal(400, result.Response.StatusCode);
        Assert.Equal("no-store", result.Response.Headers["Cache-Control"]);
        Assert.Equal("no-cache", result.Response.Headers["Pragma"]);
        using var json = JsonDocument.Parse(result.Response.GetJsonBody());
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc6750_header_body_and_query_forms()
    {
        _h.AddAccessToken("mF_9.B5f-4.1JqM");
        var header = await _h.AuthenticateAsync(Requests.Resource("Bearer mF_9.B5f-4.1JqM"));
        var body = await _h.AuthenticateAsync(Requests.Resource(method: "POST", body: "access_token=mF_9.B5f-4.1JqM"));
        var query = await _h.AuthenticateAsync(Requests.Resource(query: "access_token=mF_9.B5f-4.1JqM"));
        Assert.True(header.Succeeded);
        Assert.True(body.Succeeded);
        Assert.Equal("Bearer realm=\"Service\"", query.Response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Rfc6750_expired_token_challenge()
    {
        _h.AddAccessToken("mF_9.B5f-4.1JqM", _h.NewAccessToken() with { ExpiresAt = Harness.Start.AddSeconds(-1) });
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer mF_9.B5f-4.1JqM"));
        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal(
            "Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"Invalid token: access token has expired\"",
            result.Response.Headers["WWW-Authenticate"]);
    }
}
