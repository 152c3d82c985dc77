using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Tokens;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Jwt;

/// <summary>Servers that issue and validate JWTs with a given key provider, on a fake clock.</summary>
internal static class JwtTestKit
{
    public const string Issuer = "https://as.example.com";
    public const string Audience = "https://api.example.com";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static OAuth2Server NewServer(IJwtSigningKeyProvider keys, TimeProvider time, TimeSpan? accessTokenLifetime = null, Clients.OAuth2Client? client = null)
    {
        var model = NewModel();
        if (client is not null)
        {
            model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns(client);
        }

        model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.Arg<Token>());
        model.GetUserFromClientAsync(Arg.Any<Clients.OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(new OAuth2User("svc"));
        var options = new OAuth2ServerOptions
        {
            JwtAccessTokens = new JwtAccessTokenOptions { SigningKeys = keys, Issuer = Issuer, Audience = Audience, CheckRevocation = false },
        };
        if (accessTokenLifetime is { } lifetime)
        {
            options.AccessTokenLifetime = lifetime;
        }

        return new OAuth2Server(model, options, time);
    }

    public static FakeTimeProvider NewClock() => new(Now);

    public static async Task<string> IssueAsync(OAuth2Server server)
    {
        var result = await server.TokenAsync(Post("grant_type=client_credentials"), Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value.AccessToken;
    }

    public static async Task<OAuth2Result<AccessToken>> AuthenticateAsync(OAuth2Server server, string token)
        => await server.AuthenticateAsync(
            new OAuth2Request
            {
                Method = "GET",
                Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token)], ignoreCase: true),
            },
            null,
            Ct);

    public static string KeyIdOf(string jwt)
        => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    public static string[] PublishedKeyIds(OAuth2Server server)
        => [.. JsonSerializer.SerializeToElement(server.GetJsonWebKeySet()).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
}
