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
/// <remarks>
/// The store is kept at a steady population, as a running host's is: every token request moves a manual clock by
/// <see cref="Step"/>, tokens live <see cref="Lifetime"/> of that clock, and the store's own sweep drops the expired
/// ones. An ever-growing store would instead resize its tables now and then, and BenchmarkDotNet's allocation figure
/// (the bytes of one iteration) would count a resize or not depending on where it fell.
/// </remarks>
[MemoryDiagnoser]
public class TokenEndpointBenchmarks
{
    private const string Secret = "benchmark-client-secret-0123456789abcdef";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>Refresh-token families rotated in turn: many users each refreshing now and then, not one family forever.</summary>
    private const int Families = 256;

    /// <summary>Floor tokens kept: a steady population like the store's (each write drops the oldest).</summary>
    private const int FloorPopulation = 1024;

    private readonly ConcurrentDictionary<TokenDigest, long> _floorStore = new();
    private readonly TokenDigest[] _floorRing = new TokenDigest[FloorPopulation];
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string[] _refreshTokens = new string[Families];
    private int _floorNext;
    private int _family;
    private OAuth2Server _server = null!;
    private OAuth2Request _clientCredentials = null!;
    private OAuth2Request _clientCredentialsWithResource = null!;
    private OAuth2Request _password = null!;
    private OAuth2Request _authorize = null!;
    private OAuth2Request _authenticate = null!;
    private OAuth2User _alice = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryStore(_clock, sweepInterval: Lifetime / 4);
        store.SaveClientAsync(new OAuth2Client
        {
            Id = "bench",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials, GrantTypes.Password, GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            RedirectUris = ["https://client.example.com/cb"],
            Scopes = ["read", "write"],
            Resources = ["https://api.example.com/"],
        }, default).AsTask().GetAwaiter().GetResult();
        _alice = new OAuth2User("alice");
        var policy = new StoreModelPolicy
        {
            GetUser = (username, password, _, _) => ValueTask.FromResult(username == "alice" && password == "pw" ? _alice : null),
        };
        var options = new OAuth2ServerOptions
        {
            Issuer = "https://as.example.com",
            AccessTokenLifetime = Lifetime,
            AuthorizationCodeLifetime = Lifetime,
            // Outlives a family's turn (Families steps), so each family's current refresh token is still valid.
            RefreshTokenLifetime = 4 * Lifetime,
        };
        _server = new OAuth2Server(new StoreBackedModel(store, policy), options, _clock);
        _clientCredentials = Post("grant_type=client_credentials&scope=read");
        _clientCredentialsWithResource = Post("grant_type=client_credentials&scope=read&resource=https%3A%2F%2Fapi.example.com%2F");
        _password = Post("grant_type=password&username=alice&password=pw&scope=read");
        _authorize = new OAuth2Request
        {
            Method = "GET",
            Query = FormUrlEncoding.Parse("response_type=code&client_id=bench&state=s&scope=read&code_challenge_method=S256&code_challenge=" + PkceVerifier.ComputeS256Challenge(Verifier)),
        };
        for (var i = 0; i < Families; i++)
        {
            _refreshTokens[i] = Completed(_server.TokenAsync(_password)).Value!.RefreshToken!;
        }

        var token = _server.TokenAsync(_password).AsTask().GetAwaiter().GetResult();
        _authenticate = new OAuth2Request
        {
            Method = "GET",
            Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token.Value!.AccessToken)], ignoreCase: true),
        };
    }

    /// <summary>The headers every token request carries; a host hands them over as it received them.</summary>
    private static readonly ParameterCollection PostHeaders = ParameterCollection.From(
        [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
         new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + Secret)))],
        ignoreCase: true);

    /// <summary>A token request whose body is parsed here, as a host parses each request's body.</summary>
    private static OAuth2Request Post(string body) => new()
    {
        Method = "POST",
        Headers = PostHeaders,
        Form = FormUrlEncoding.Parse(body),
    };

    /// <summary>The unavoidable work of issuing one token.</summary>
    [Benchmark(Baseline = true)]
    public bool Floor()
    {
        var digest = TokenDigest.Compute(TokenGenerator.Generate());
        ref var slot = ref _floorRing[_floorNext++ % FloorPopulation];
        if (slot is not null)
        {
            _floorStore.TryRemove(slot, out _);
        }

        slot = digest;
        return _floorStore.TryAdd(digest, 0);
    }

    [Benchmark]
    public bool ClientCredentials()
    {
        _clock.Advance(Step);
        return Completed(_server.TokenAsync(_clientCredentials)).Succeeded;
    }

    /// <summary>Client credentials naming one RFC 8707 resource: the parameter's checks and the audience it sets.</summary>
    [Benchmark]
    public bool ClientCredentialsWithResource()
    {
        _clock.Advance(Step);
        return Completed(_server.TokenAsync(_clientCredentialsWithResource)).Succeeded;
    }

    [Benchmark]
    public bool Password()
    {
        _clock.Advance(Step);
        return Completed(_server.TokenAsync(_password)).Succeeded;
    }

    /// <summary>
    /// The authorize endpoint alone (issue a code, no token request): subtracted from
    /// <see cref="AuthorizationCodeWithPkce"/>, it leaves what the code exchange costs.
    /// </summary>
    [Benchmark]
    public bool Authorize()
    {
        _clock.Advance(Step);
        return Completed(_server.AuthorizeAsync(_authorize, _alice)).Succeeded;
    }

    /// <summary>Authorize (issue a code) and exchange it with its PKCE verifier: a code is single-use, so both are measured.</summary>
    [Benchmark]
    public bool AuthorizationCodeWithPkce()
    {
        _clock.Advance(Step);
        var code = Completed(_server.AuthorizeAsync(_authorize, _alice));
        var exchange = Post($"grant_type=authorization_code&code={code.Value!.Code}&code_verifier={Verifier}");
        return Completed(_server.TokenAsync(exchange)).Succeeded;
    }

    /// <summary>One rotation: each call redeems the refresh token its family was last given, and parses that form.</summary>
    [Benchmark]
    public bool RefreshWithRotation()
    {
        _clock.Advance(Step);
        var family = _family++ % Families;
        var result = Completed(_server.TokenAsync(Post($"grant_type=refresh_token&refresh_token={_refreshTokens[family]}")));
        _refreshTokens[family] = result.Value!.RefreshToken!;
        return result.Succeeded;
    }

    /// <summary>
    /// The host's share of <see cref="RefreshWithRotation"/>: the body text and its parsing. Client credentials and
    /// password requests are parsed once in setup, so subtracting this compares the grants like with like.
    /// </summary>
    [Benchmark]
    public int RefreshRequestParsing() => Post($"grant_type=refresh_token&refresh_token={_refreshTokens[_family++ % Families]}").Form.Count;

    /// <summary>The host's share of the exchange in <see cref="AuthorizationCodeWithPkce"/>: its body text and parsing.</summary>
    [Benchmark]
    public int CodeExchangeRequestParsing() => Post($"grant_type=authorization_code&code={_refreshTokens[_family++ % Families]}&code_verifier={Verifier}").Form.Count;

    [Benchmark]
    public bool Authenticate() => Completed(_server.AuthenticateAsync(_authenticate)).Succeeded;

    /// <summary>On the in-memory store every call completes synchronously: take the result, and fail loudly if not.</summary>
    private static T Completed<T>(ValueTask<T> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("Expected the in-memory store to complete synchronously.");
}
