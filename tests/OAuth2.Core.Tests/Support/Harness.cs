using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using OAuth2.Clients;
using OAuth2.Handlers;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Support;

/// <summary>
/// A server over a substituted model that knows <see cref="TestClients"/>, with a fake clock. Options may be changed
/// until <see cref="Server"/> is first read.
/// </summary>
public sealed class Harness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly OAuth2User Alice = new("alice");

    private readonly Dictionary<string, OAuth2Client> _clients = TestClients.All.ToDictionary(c => c.Id, StringComparer.Ordinal);
    private OAuth2Server? _server;

    public Harness()
        : this(Substitute.For<IFullModel>())
    {
    }

    public Harness(IFullModel model)
    {
        Model = model;
        model.GetClientAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(ci => _clients.TryGetValue(ci.ArgAt<string>(0), out var client) ? client : null);
        model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.ArgAt<Token>(0));
        model.GetUserFromClientAsync(Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>())
            .Returns(ci => new OAuth2User(ci.ArgAt<OAuth2Client>(0).Id));
        model.GetUserAsync("alice", "pw", Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(Alice);
    }

    public static Harness For<TModel>()
        where TModel : class, IFullModel
        => new(Substitute.For<TModel>());

    public IFullModel Model { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The issuer every harness server has (the authorization endpoint refuses to run without one).</summary>
    public const string Issuer = "https://as.example.com";

    public OAuth2ServerOptions Options { get; } = new() { Issuer = Issuer, SecretHashIterations = 0 }; // TestClients hold generated (SHA-256) secrets

    /// <summary>The telemetry the server reports through; set before <see cref="Server"/> is first read (null: the default, reporting to no one).</summary>
    public OAuth2.Diagnostics.OAuth2Telemetry? Telemetry { get; set; }

    public OAuth2Server Server => _server ??= new OAuth2Server(Model, Options, Time, Telemetry);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void AddClient(OAuth2Client client) => _clients[client.Id] = client;

    public Task<OAuth2Result<Token>> TokenAsync(OAuth2.Http.OAuth2Request request) => Server.TokenAsync(request, Ct).AsTask();

    public Task<OAuth2Result<Token>> TokenAsync(string body, string? clientId = "c1", string? secret = TestClients.Secret)
        => TokenAsync(clientId is null ? Requests.Token(body) : Requests.Token(body, Requests.Basic(clientId, secret ?? string.Empty)));

    public Task<OAuth2Result<AuthorizationRequest>> ValidateAsync(OAuth2.Http.OAuth2Request request) => Server.ValidateAuthorizeRequestAsync(request, Ct).AsTask();

    public Task<OAuth2Result<IssuedAuthorizationCode>> AuthorizeAsync(OAuth2.Http.OAuth2Request request, OAuth2User? user = null)
        => Server.AuthorizeAsync(request, user ?? Alice, Ct).AsTask();

    public Task<OAuth2Result<IssuedAuthorizationCode>> AuthorizeAsync(string query, OAuth2User? user = null)
        => AuthorizeAsync(Requests.AuthorizeGet(query), user);

    public Task<OAuth2Result<AccessToken>> AuthenticateAsync(OAuth2.Http.OAuth2Request request, params string[] scope)
        => Server.AuthenticateAsync(request, scope.Length == 0 ? null : scope, Ct).AsTask();

    /// <summary>Makes <paramref name="code"/> findable and redeemable (the CAS wins).</summary>
    public AuthorizationCode AddCode(string code, AuthorizationCode? data = null)
    {
        data ??= NewCode();
        Model.GetAuthorizationCodeAsync(code, Arg.Any<CancellationToken>()).Returns(data);
        Model.RevokeAuthorizationCodeAsync(code, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.Redeemed, data.GrantId));
        return data;
    }

    public AuthorizationCode NewCode(string clientId = "c1") => new()
    {
        ClientId = clientId,
        User = Alice,
        Scope = ["read"],
        IssuedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddMinutes(5),
        RedirectUri = TestClients.RedirectUri,
        RedirectUriSupplied = false,
        GrantId = "grant-1",
    };

    /// <summary>Makes <paramref name="token"/> findable and rotatable (the CAS wins).</summary>
    public RefreshToken AddRefreshToken(string token, RefreshToken? data = null)
    {
        data ??= NewRefreshToken();
        Model.GetRefreshTokenAsync(token, Arg.Any<CancellationToken>()).Returns(data);
        Model.RevokeRefreshTokenAsync(token, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new RedemptionResult(RedemptionStatus.Redeemed, data.GrantId));
        return data;
    }

    public RefreshToken NewRefreshToken(string clientId = "c1") => new()
    {
        ClientId = clientId,
        User = Alice,
        Scope = ["read", "write"],
        IssuedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddDays(1),
        GrantId = "grant-r",
    };

    public AccessToken AddAccessToken(string token, AccessToken? data = null)
    {
        data ??= NewAccessToken();
        Model.GetAccessTokenAsync(token, Arg.Any<CancellationToken>()).Returns(data);
        return data;
    }

    public AccessToken NewAccessToken() => new()
    {
        ClientId = "c1",
        User = Alice,
        Scope = ["read"],
        IssuedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddHours(1),
        GrantId = "grant-a",
    };
}
