using Microsoft.Extensions.Time.Testing;
using OAuth2.Core.Tests.Support;
using OAuth2.Handlers;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.PushedAuthorization;

/// <summary>
/// A server with pushed authorization requests (RFC 9126) over the in-memory store and a fake clock, so expiry can be
/// stepped through exactly. Clients are <see cref="TestClients"/>.
/// </summary>
public sealed class ParKit
{
    public const string Issuer = "https://auth.example.com";
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    public ParKit(Action<OAuth2ServerOptions>? configure = null, bool withPushedStore = true)
    {
        Store = new InMemoryStore(Time, Timeout.InfiniteTimeSpan);
        foreach (var client in new[] { TestClients.Confidential, TestClients.Other, TestClients.Public })
        {
            Store.SaveClientAsync(client, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        Options.Issuer = Issuer;
        configure?.Invoke(Options);
        var policy = new StoreModelPolicy { GetUser = (username, password, _, _) => ValueTask.FromResult(username == "a" && password == "b" ? Harness.Alice : null) };
        Model = new StoreBackedModel(Store, policy) { PushedAuthorizations = withPushedStore ? Store : null };
        Server = new OAuth2Server(Model, Options, Time);
    }

    public FakeTimeProvider Time { get; } = new(Harness.Start);

    public InMemoryStore Store { get; }

    public StoreBackedModel Model { get; }

    public OAuth2ServerOptions Options { get; } = new();

    public OAuth2Server Server { get; }

    public static string Basic => Requests.Basic("c1", TestClients.Secret);

    public static string Request(string clientId = "c1", string state = "st", string extra = "") =>
        $"response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(TestClients.RedirectUri)}&scope=read&state={state}" +
        $"&code_challenge={Challenge}&code_challenge_method=S256{extra}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<OAuth2Result<AuthorizationRequest>> PushAsync(string body, string? authorization = null)
        => Server.PushedAuthorizationAsync(Requests.Token(body, authorization), Ct).AsTask();

    /// <summary>Pushes <see cref="Request"/> for c1 and returns the request_uri.</summary>
    public async Task<string> PushedUriAsync(string body = "")
    {
        var result = await PushAsync(body.Length == 0 ? Request() : body, Basic);
        Assert.True(result.Succeeded, result.Error?.Description);
        return (string)result.Response.Body!["request_uri"]!;
    }

    public static string ByReference(string requestUri, string clientId = "c1") =>
        $"client_id={clientId}&request_uri={Uri.EscapeDataString(requestUri)}";

    public Task<OAuth2Result<AuthorizationRequest>> ValidateAsync(string query)
        => Server.ValidateAuthorizeRequestAsync(Requests.AuthorizeGet(query), Ct).AsTask();

    public Task<OAuth2Result<IssuedAuthorizationCode>> ApproveAsync(string body)
        => Server.AuthorizeAsync(Requests.AuthorizePost(body), Harness.Alice, Ct).AsTask();
}
