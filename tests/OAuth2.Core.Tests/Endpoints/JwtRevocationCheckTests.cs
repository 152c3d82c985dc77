using System.Security.Cryptography;
using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Tokens;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

/// <summary>
/// The JWT revocation check: on by default, and decided per call by a caller such as the bearer scheme
/// (<c>AuthenticateAsync(request, scope, checkJwtRevocation, ct)</c>). A revoked token is one the store no longer holds.
/// </summary>
public sealed class JwtRevocationCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JwtAccessTokenOptions Options(bool? checkRevocation)
    {
        var key = JwtSigningKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), "k1");
        return checkRevocation is { } check
            ? new JwtAccessTokenOptions { SigningKey = key, Issuer = "https://as.example.com", Audience = "https://api.example.com", CheckRevocation = check }
            : new JwtAccessTokenOptions { SigningKey = key, Issuer = "https://as.example.com", Audience = "https://api.example.com" };
    }

    private static async Task<(OAuth2Server Server, IRevocableFullModel Model, string Jwt)> IssueAsync(bool? serverDefault)
    {
        var model = NewModel();
        model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.Arg<Token>());
        model.GetUserFromClientAsync(Arg.Any<Clients.OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(new OAuth2User("svc"));
        var server = NewServer(model, new OAuth2ServerOptions { JwtAccessTokens = Options(serverDefault) });
        var issued = await server.TokenAsync(Post("grant_type=client_credentials&scope=read"), Ct);
        Assert.True(issued.Succeeded, issued.Error?.Description);
        return (server, model, issued.Value.AccessToken);
    }

    private static OAuth2Request Bearer(string token) => new()
    {
        Method = "GET",
        Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token)], ignoreCase: true),
    };

    [Fact]
    public void The_check_is_on_by_default()
        => Assert.True(Options(null).CheckRevocation);

    [Fact]
    public async Task By_default_a_jwt_the_store_no_longer_holds_is_invalid_token()
    {
        var (server, model, jwt) = await IssueAsync(serverDefault: null);

        var result = await server.AuthenticateAsync(Bearer(jwt), null, Ct);

        Assert.Equal("invalid_token", result.Error?.Error);
        Assert.Equal(401, result.Response.StatusCode);
        await model.Received(1).GetAccessTokenAsync(jwt, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_jwt_the_store_still_holds_is_accepted_with_the_check_on()
    {
        var (server, model, jwt) = await IssueAsync(serverDefault: true);
        model.GetAccessTokenAsync(jwt, Arg.Any<CancellationToken>()).Returns(Access("c1", Now.AddHours(1)));

        var result = await server.AuthenticateAsync(Bearer(jwt), ["read"], Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("svc", result.Value.User.Id);
    }

    [Fact]
    public async Task The_caller_can_turn_the_check_off_for_its_calls()
    {
        var (server, model, jwt) = await IssueAsync(serverDefault: true);

        var result = await server.AuthenticateAsync(Bearer(jwt), null, checkJwtRevocation: false, Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        await model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, default);
    }

    [Fact]
    public async Task The_caller_can_turn_the_check_on_when_the_server_has_it_off()
    {
        var (server, model, jwt) = await IssueAsync(serverDefault: false);

        var signatureOnly = await server.AuthenticateAsync(Bearer(jwt), null, Ct);
        var lookedUp = await server.AuthenticateAsync(Bearer(jwt), null, checkJwtRevocation: true, Ct);

        Assert.True(signatureOnly.Succeeded, signatureOnly.Error?.Description);
        Assert.Equal("invalid_token", lookedUp.Error?.Error);
        await model.Received(1).GetAccessTokenAsync(jwt, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_null_override_keeps_the_servers_setting()
    {
        var (server, model, jwt) = await IssueAsync(serverDefault: false);

        var result = await server.AuthenticateAsync(Bearer(jwt), null, checkJwtRevocation: null, Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        await model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, default);
    }
}
