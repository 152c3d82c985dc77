using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Handlers;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.TokenExchange;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.TokenExchange;

/// <summary>
/// A real server over the in-memory store with a store-backed model whose exchange policy each test sets: the
/// exchanged tokens are saved, looked up, introspected and revoked as in production.
/// </summary>
public sealed class ExchangeFixture
{
    public const string Secret = "s3cret";
    public const string Audience = "https://api.example.com";

    private static readonly string SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret);
    private OAuth2Server? _server;

    public ExchangeFixture()
    {
        Store = new InMemoryStore(Time);
        foreach (var client in Clients)
        {
            Store.SaveClientAsync(client, default).AsTask().GetAwaiter().GetResult();
        }

        _policy = new StoreModelPolicy
        {
            GetUser = (username, password, _, _) => ValueTask.FromResult(username == "alice" && password == "pw" ? Harness.Alice : null),
            AuthorizeExchange = (request, ct) =>
            {
                Requests.Add(request);
                return Policy(request, ct);
            },
        };
        Options.GrantTypes.Add(GrantTypes.TokenExchange);
    }

    /// <summary>The app: obtains user tokens with the password grant (scope read write, refresh allowed).</summary>
    public static OAuth2Client App { get; } = new()
    {
        Id = "app",
        SecretHash = SecretHash,
        Grants = [GrantTypes.Password, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
    };

    /// <summary>A service that exchanges the tokens it receives; it may also refresh, for <see cref="Audience"/>.</summary>
    public static OAuth2Client Service { get; } = new()
    {
        Id = "svc",
        SecretHash = SecretHash,
        Grants = [GrantTypes.TokenExchange, GrantTypes.ClientCredentials, GrantTypes.RefreshToken],
        Resources = [Audience],
    };

    /// <summary>A second exchanging service, for chains.</summary>
    public static OAuth2Client Service2 { get; } = new()
    {
        Id = "svc2",
        SecretHash = SecretHash,
        Grants = [GrantTypes.TokenExchange, GrantTypes.ClientCredentials],
    };

    /// <summary>An exchanging client registered for the <c>read</c> scope only.</summary>
    public static OAuth2Client ReadOnlyService { get; } = new()
    {
        Id = "svc-read",
        SecretHash = SecretHash,
        Grants = [GrantTypes.TokenExchange],
        Scopes = ["read"],
    };

    /// <summary>A resource server that may introspect any token.</summary>
    public static OAuth2Client ResourceServer { get; } = new()
    {
        Id = "rs",
        SecretHash = SecretHash,
        Properties = new Dictionary<string, string> { [ClientPermissions.IntrospectionProperty] = "true" },
    };

    public static IReadOnlyList<OAuth2Client> Clients { get; } = [App, Service, Service2, ReadOnlyService, ResourceServer];

    public FakeTimeProvider Time { get; } = new(Harness.Start);

    public InMemoryStore Store { get; }

    private readonly StoreModelPolicy _policy;
    private StoreBackedModel? _model;

    /// <summary>The model, built on first use with <see cref="PolicyOverride"/> applied.</summary>
    public StoreBackedModel Model => _model ??= new StoreBackedModel(Store, PolicyOverride(_policy));

    /// <summary>Adds to the store-backed policy (e.g. the JWT bearer mapping) before the model is built.</summary>
    public Func<StoreModelPolicy, StoreModelPolicy> PolicyOverride { get; set; } = policy => policy;

    public OAuth2ServerOptions Options { get; } = new() { Issuer = Harness.Issuer, SecretHashIterations = 0 };

    /// <summary>The policy under test; by default it allows <see cref="Audience"/> and nothing more.</summary>
    public Func<TokenExchangeRequest, CancellationToken, ValueTask<TokenExchangeDecision>> Policy { get; set; }
        = (_, _) => ValueTask.FromResult(TokenExchangeDecision.Allow([Audience]));

    /// <summary>Every request the policy was asked about.</summary>
    public List<TokenExchangeRequest> Requests { get; } = [];

    public OAuth2Server Server => _server ??= new OAuth2Server(Model, Options, Time);

    public Task<OAuth2Result<Token>> TokenAsync(string body, string clientId)
        => Server.TokenAsync(Support.Requests.Token(body, Support.Requests.Basic(clientId, Secret)), Harness.Ct).AsTask();

    /// <summary>Alice's token pair as the app obtains it.</summary>
    public async Task<Token> AliceTokenAsync(string scope = "read write")
    {
        var result = await TokenAsync($"grant_type=password&username=alice&password=pw&scope={Uri.EscapeDataString(scope)}", App.Id);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value;
    }

    /// <summary>A client's own token (client credentials): the actor token of a delegation.</summary>
    public async Task<string> ClientTokenAsync(string clientId)
    {
        var result = await TokenAsync("grant_type=client_credentials", clientId);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value.AccessToken;
    }

    public Task<OAuth2Result<Token>> ExchangeAsync(string subjectToken, string extra = "", string clientId = "svc", string subjectType = TokenTypeIdentifiers.AccessToken)
        => TokenAsync(
            $"grant_type={Uri.EscapeDataString(GrantTypes.TokenExchange)}&subject_token={Uri.EscapeDataString(subjectToken)}&subject_token_type={Uri.EscapeDataString(subjectType)}{extra}",
            clientId);

    public static string Actor(string actorToken, string type = TokenTypeIdentifiers.AccessToken)
        => $"&actor_token={Uri.EscapeDataString(actorToken)}&actor_token_type={Uri.EscapeDataString(type)}";

    public async Task<IntrospectionResult> IntrospectAsync(string token)
    {
        var result = await Server.IntrospectAsync(Support.Requests.Token("token=" + Uri.EscapeDataString(token), Support.Requests.Basic(ResourceServer.Id, Secret)), Harness.Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        return result.Value;
    }

    /// <summary>The introspection response body as JSON, as a host would serialise it.</summary>
    public async Task<JsonElement> IntrospectJsonAsync(string token)
    {
        var result = await Server.IntrospectAsync(Support.Requests.Token("token=" + Uri.EscapeDataString(token), Support.Requests.Basic(ResourceServer.Id, Secret)), Harness.Ct);
        return JsonSerializer.SerializeToElement(result.Response.Body);
    }
}
