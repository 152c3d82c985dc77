using System.Text;
using System.Text.Json;
using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Pkce;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Server;

public sealed class SmokeTests
{
    private static readonly OAuth2Client Confidential = new()
    {
        Id = "c1",
        SecretHash = ClientSecretHasher.HashGeneratedSecret("s3cret"),
        Grants = [GrantTypes.ClientCredentials, GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
        RedirectUris = ["https://client.example.com/cb"],
    };

    private static IFullModel NewModel()
    {
        var model = Substitute.For<IFullModel>();
        model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns(Confidential);
        ((ITokenModel)model).SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.Arg<Token>());
        ((IClientCredentialsModel)model).GetUserFromClientAsync(Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(new OAuth2User("c1"));
        return model;
    }

    private static OAuth2Request TokenRequest(string body, string? basic = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/x-www-form-urlencoded") };
        if (basic is not null)
        {
            headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic))));
        }

        return new OAuth2Request { Method = "POST", Headers = ParameterCollection.From(headers, ignoreCase: true), Form = FormUrlEncoding.Parse(body) };
    }

    [Fact]
    public async Task Client_credentials_issues_a_bearer_token_with_no_store_headers()
    {
        var server = new OAuth2Server(NewModel());
        var result = await server.TokenAsync(TokenRequest("grant_type=client_credentials&scope=read", "c1:s3cret"), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(200, result.Response.StatusCode);
        Assert.Equal("no-store", result.Response.Headers["Cache-Control"]);
        using var json = JsonDocument.Parse(result.Response.GetJsonBody());
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.RootElement.GetProperty("expires_in").GetInt64());
        Assert.Equal("read", json.RootElement.GetProperty("scope").GetString());
        Assert.False(json.RootElement.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client_401_with_basic_challenge()
    {
        var server = new OAuth2Server(NewModel());
        var result = await server.TokenAsync(TokenRequest("grant_type=client_credentials", "c1:nope"), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal("Basic realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
        Assert.Equal("invalid_client", result.Error.Error);
    }

    [Fact]
    public async Task Authorization_code_with_pkce_round_trips()
    {
        var model = NewModel();
        var codes = (IAuthorizationCodeModel)model;
        AuthorizationCode? saved = null;
        string? savedCode = null;
        await codes.SaveAuthorizationCodeAsync(Arg.Do<string>(c => savedCode = c), Arg.Do<AuthorizationCode>(d => saved = d), Arg.Any<CancellationToken>());
        var server = new OAuth2Server(model, new OAuth2ServerOptions { Issuer = "https://as.example.com" });
        const string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        var authorize = new OAuth2Request
        {
            Method = "GET",
            Query = FormUrlEncoding.Parse("response_type=code&client_id=c1&state=xyz&scope=read&code_challenge_method=S256&code_challenge=" + PkceVerifier.ComputeS256Challenge(verifier)),
        };
        var issued = await server.AuthorizeAsync(authorize, new OAuth2User("alice"), TestContext.Current.CancellationToken);
        Assert.True(issued.Succeeded, issued.Error?.Message);
        Assert.StartsWith("https://client.example.com/cb?code=", issued.Response.RedirectLocation, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz&iss=https%3A%2F%2Fas.example.com", issued.Response.RedirectLocation, StringComparison.Ordinal);
        Assert.NotNull(saved);

        codes.GetAuthorizationCodeAsync(savedCode!, Arg.Any<CancellationToken>()).Returns(saved);
        codes.RevokeAuthorizationCodeAsync(savedCode!, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(new RedemptionResult(RedemptionStatus.Redeemed));
        var token = await server.TokenAsync(TokenRequest($"grant_type=authorization_code&code={savedCode}&code_verifier={verifier}", "c1:s3cret"), TestContext.Current.CancellationToken);
        Assert.True(token.Succeeded, token.Error?.Message);
        Assert.NotNull(token.Value.RefreshToken);
        Assert.Equal(saved!.GrantId, token.Value.GrantId);
    }
}
