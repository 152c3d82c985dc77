using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Registration;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Registration;

/// <summary>
/// RFC 7592 section 2.3: deleting a client at the client configuration endpoint invalidates its tokens at once. The
/// order of the store calls (revoke, remove, revoke again) is checked on substitutes; the effect on real tokens,
/// opaque and JWT, over the in-memory store.
/// </summary>
public sealed class ClientDeletionRevocationTests
{
    private const string InitialToken = RegistrationTestKit.InitialToken;
    private const string Machine = """{"grant_types":["client_credentials"],"scope":"read"}""";
    private static readonly Uri Endpoint = RegistrationTestKit.Endpoint;
    private static readonly string InitialTokenHash = RegistrationTestKit.InitialTokenHash;

    private readonly FakeTimeProvider _clock = new(Harness.Start);
    private readonly InMemoryStore _store;

    public ClientDeletionRevocationTests() => _store = new InMemoryStore(_clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rfc7592_2_3_delete_revokes_the_clients_tokens_before_and_after_removing_the_client()
    {
        var (client, registrationToken) = await RegisterAsync(Server(new StoreBackedModel(_store)));
        var clients = Substitute.For<IClientStore>();
        clients.FindClientAsync(client.Id, Arg.Any<CancellationToken>()).Returns(client);
        clients.RemoveClientAsync(client.Id, Arg.Any<CancellationToken>()).Returns(true);
        var tokens = Substitute.For<ITokenStore>();
        tokens.RevokeTokensOfClientAsync(client.Id, Arg.Any<CancellationToken>()).Returns(3, 1);

        var result = await Server(new StoreBackedModel(clients, tokens, _store)).ManageClientAsync(Request("DELETE", registrationToken), Endpoint, client.Id, Ct);

        Assert.Equal(204, result.Response.StatusCode);
        Received.InOrder(() =>
        {
            tokens.RevokeTokensOfClientAsync(client.Id, Arg.Any<CancellationToken>());
            clients.RemoveClientAsync(client.Id, Arg.Any<CancellationToken>());
            tokens.RevokeTokensOfClientAsync(client.Id, Arg.Any<CancellationToken>());
        });
        await tokens.DidNotReceive().RevokeTokensOfGrantAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Rfc7592_2_3_when_revocation_fails_the_client_is_kept_and_the_answer_is_503()
    {
        var (client, registrationToken) = await RegisterAsync(Server(new StoreBackedModel(_store)));
        var clients = Substitute.For<IClientStore>();
        clients.FindClientAsync(client.Id, Arg.Any<CancellationToken>()).Returns(client);
        var tokens = Substitute.For<ITokenStore>();
        tokens.RevokeTokensOfClientAsync(client.Id, Arg.Any<CancellationToken>()).Throws(new StorageUnavailableException("down"));

        var result = await Server(new StoreBackedModel(clients, tokens, _store)).ManageClientAsync(Request("DELETE", registrationToken), Endpoint, client.Id, Ct);

        Assert.Equal(503, result.Response.StatusCode);
        await clients.DidNotReceive().RemoveClientAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rfc7592_2_3_after_delete_the_clients_access_token_is_refused_opaque_or_jwt(bool jwt)
    {
        var server = Server(new StoreBackedModel(_store), jwt);
        var (client, registrationToken) = await RegisterAsync(server);
        var (other, _) = await RegisterAsync(server);
        var token = await ClientCredentialsAsync(server, client);
        var othersToken = await ClientCredentialsAsync(server, other);
        Assert.True((await AuthenticateAsync(server, token)).Succeeded);

        var deleted = await server.ManageClientAsync(Request("DELETE", registrationToken), Endpoint, client.Id, Ct);

        Assert.Equal(204, deleted.Response.StatusCode);
        var refused = await AuthenticateAsync(server, token);
        Assert.False(refused.Succeeded);
        Assert.Equal(401, refused.Response.StatusCode);
        Assert.Null(await _store.FindAccessTokenAsync(TokenDigest.Compute(token), Ct));
        Assert.True((await AuthenticateAsync(server, othersToken)).Succeeded);
    }

    private OAuth2Server Server(StoreBackedModel model, bool jwt = false)
    {
        var options = new OAuth2ServerOptions
        {
            GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.ClientCredentials },
            ClientRegistration = new ClientRegistrationOptions
            {
                InitialAccessTokenHashes = [InitialTokenHash],
                AllowedScopes = ["read"],
                AllowedGrantTypes = { GrantTypes.ClientCredentials },
            },
            Issuer = Harness.Issuer,
            ClientAssertions = { ReplayCache = new InMemoryReplayCache() },
        };
        if (jwt)
        {
            options.JwtAccessTokens = new JwtAccessTokenOptions
            {
                SigningKey = JwtSigningKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), "k1"),
                Issuer = Harness.Issuer,
                Audience = "urn:api",
            };
        }

        return new OAuth2Server(model, options, _clock);
    }

    private static OAuth2Request Request(string method, string bearer, string? body = null)
    {
        var headers = new List<(string, string)> { ("Authorization", "Bearer " + bearer) };
        if (body is not null)
        {
            headers.Add(("Content-Type", "application/json"));
        }

        return new OAuth2Request { Method = method, Headers = Requests.Headers([.. headers]), Body = body is null ? default : Encoding.UTF8.GetBytes(body) };
    }

    /// <summary>Registers a client-credentials client; returns it (with its secret in <see cref="OAuth2Client.Properties"/>) and its registration access token.</summary>
    private static async Task<(OAuth2Client Client, string RegistrationToken)> RegisterAsync(OAuth2Server server)
    {
        var result = await server.RegisterClientAsync(Request("POST", InitialToken, Machine), Endpoint, Ct);
        Assert.True(result.Succeeded, Encoding.UTF8.GetString(result.Response.GetJsonBody()));
        var json = JsonDocument.Parse(result.Response.GetJsonBody()).RootElement;
        var secret = json.GetProperty("client_secret").GetString()!;
        var client = result.Value! with { Properties = new Dictionary<string, string>(result.Value!.Properties) { ["test-secret"] = secret } };
        return (client, json.GetProperty("registration_access_token").GetString()!);
    }

    private static async Task<string> ClientCredentialsAsync(OAuth2Server server, OAuth2Client client)
    {
        var result = await server.TokenAsync(Requests.Token("grant_type=client_credentials&scope=read", Requests.Basic(client.Id, client.Properties["test-secret"])), Ct);
        Assert.True(result.Succeeded, Encoding.UTF8.GetString(result.Response.GetJsonBody()));
        return result.Value!.AccessToken;
    }

    private static ValueTask<OAuth2Result<AccessToken>> AuthenticateAsync(OAuth2Server server, string token) =>
        server.AuthenticateAsync(Requests.Resource("Bearer " + token), null, Ct);
}
