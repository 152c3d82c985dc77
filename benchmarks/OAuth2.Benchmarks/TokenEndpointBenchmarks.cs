using System.Collections.Concurrent;
using System.Text;
using BenchmarkDotNet.Attributes;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Pkce;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Benchmarks;

/// <summary>
/// The core's endpoints in-process on the in-memory store, beside the floor: the work no implementation can skip
/// for one token (32 CSPRNG bytes, their SHA-256, one dictionary write). Requests are built once, as a host would
/// have parsed them; what is measured is the core.
/// </summary>
[MemoryDiagnoser]
public class TokenEndpointBenchmarks
{
    private const string Secret = "benchmark-client-secret-0123456789abcdef";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private readonly ConcurrentDictionary<TokenDigest, long> _floorStore = new();
    private OAuth2Server _server = null!;
    private OAuth2Request _clientCredentials = null!;
    private OAuth2Request _password = null!;
    private OAuth2Request _authorize = null!;
    private OAuth2Request _authenticate = null!;
    private string _refreshToken = null!;
    private OAuth2User _alice = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryStore();
        store.SaveClientAsync(new OAuth2Client
        {
            Id = "bench",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials, GrantTypes.Password, GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            RedirectUris = ["https://client.example.com/cb"],
            Scopes = ["read", "write"],
        }, default).AsTask().GetAwaiter().GetResult();
        _alice = new OAuth2User("alice");
        var policy = new StoreModelPolicy
        {
            GetUser = (username, password, _, _) => ValueTask.FromResult(username == "alice" && password == "pw" ? _alice : null),
        };
        _server = new OAuth2Server(new StoreBackedModel(store, policy));
        _clientCredentials = Post("grant_type=client_credentials&scope=read");
        _password = Post("grant_type=password&username=alice&password=pw&scope=read");
        _authorize = new OAuth2Request
        {
            Method = "GET",
            Query = FormUrlEncoding.Parse("response_type=code&client_id=bench&state=s&scope=read&code_challenge_method=S256&code_challenge=" + PkceVerifier.ComputeS256Challenge(Verifier)),
        };
        var token = _server.TokenAsync(_password).AsTask().GetAwaiter().GetResult();
        _refreshToken = token.Value!.RefreshToken!;
        _authenticate = new OAuth2Request
        {
            Method = "GET",
            Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token.Value.AccessToken)], ignoreCase: true),
        };
    }

    private static OAuth2Request Post(string body) => new()
    {
        Method = "POST",
        Headers = ParameterCollection.From(
            [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
             new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + Secret)))],
            ignoreCase: true),
        Form = FormUrlEncoding.Parse(body),
    };

    /// <summary>The unavoidable work of issuing one token.</summary>
    [Benchmark(Baseline = true)]
    public bool Floor() => _floorStore.TryAdd(TokenDigest.Compute(TokenGenerator.Generate()), 0);

    [Benchmark]
    public bool ClientCredentials() => Completed(_server.TokenAsync(_clientCredentials)).Succeeded;

    [Benchmark]
    public bool Password() => Completed(_server.TokenAsync(_password)).Succeeded;

    /// <summary>Authorize (issue a code) and exchange it with its PKCE verifier: a code is single-use, so both are measured.</summary>
    [Benchmark]
    public bool AuthorizationCodeWithPkce()
    {
        var code = Completed(_server.AuthorizeAsync(_authorize, _alice));
        var exchange = Post($"grant_type=authorization_code&code={code.Value!.Code}&code_verifier={Verifier}");
        return Completed(_server.TokenAsync(exchange)).Succeeded;
    }

    /// <summary>One rotation: each call redeems the refresh token the previous call was given.</summary>
    [Benchmark]
    public bool RefreshWithRotation()
    {
        var result = Completed(_server.TokenAsync(Post($"grant_type=refresh_token&refresh_token={_refreshToken}")));
        _refreshToken = result.Value!.RefreshToken!;
        return result.Succeeded;
    }

    [Benchmark]
    public bool Authenticate() => Completed(_server.AuthenticateAsync(_authenticate)).Succeeded;

    /// <summary>On the in-memory store every call completes synchronously: take the result, and fail loudly if not.</summary>
    private static T Completed<T>(ValueTask<T> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("Expected the in-memory store to complete synchronously.");
}
