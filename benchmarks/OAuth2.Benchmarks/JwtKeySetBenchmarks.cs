using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Jwt.Rotation;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Benchmarks;

/// <summary>
/// JWT issuance and validation with one fixed key (the configuration every user had before key sets) against a
/// persisted, rotating key set holding a retired, an active and a next key: what the key set adds per token.
/// </summary>
[MemoryDiagnoser]
public class JwtKeySetBenchmarks
{
    private const string Secret = "benchmark-client-secret-0123456789abcdef";

    private OAuth2Server _single = null!;
    private OAuth2Server _persisted = null!;
    private OAuth2Request _tokenRequest = null!;
    private OAuth2Request _singleBearer = null!;
    private OAuth2Request _persistedBearer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _tokenRequest = new OAuth2Request
        {
            Method = "POST",
            Headers = ParameterCollection.From(
                [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
                 new("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("bench:" + Secret)))],
                ignoreCase: true),
            Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
        };
        _single = Build(clock, new JwtAccessTokenOptions
        {
            SigningKey = JwtSigningKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), "bench"),
            Issuer = "https://as.example.com",
            Audience = "https://api.example.com",
            CheckRevocation = false,
        });

        // Rotate once and into the next publish window, so the set holds retired, active and next keys.
        var schedule = new SigningKeyRotationOptions { RotationInterval = TimeSpan.FromDays(1), PublishAhead = TimeSpan.FromHours(6), RetiredKeyRetention = TimeSpan.FromDays(1) };
        var provider = new PersistedSigningKeyProvider(new InMemorySigningKeyStore(), new AesGcmSigningKeyProtector(new byte[32]), schedule, clock);
        _persisted = Build(clock, new JwtAccessTokenOptions { SigningKeys = provider, Issuer = "https://as.example.com", Audience = "https://api.example.com", CheckRevocation = false });
        foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromHours(19), TimeSpan.FromHours(6), TimeSpan.FromHours(18) })
        {
            clock.Advance(step);
            provider.GetSigningKeysAsync(default).AsTask().GetAwaiter().GetResult();
        }

        var set = provider.GetSigningKeysAsync(default).AsTask().GetAwaiter().GetResult();
        if (set.Retired.Count != 1 || set.Next.Count != 1)
        {
            throw new InvalidOperationException("The persisted set should hold a retired, an active and a next key.");
        }

        _singleBearer = Bearer(Completed(_single.TokenAsync(_tokenRequest)).Value!.AccessToken);
        _persistedBearer = Bearer(Completed(_persisted.TokenAsync(_tokenRequest)).Value!.AccessToken);
        if (!ValidateSingleKey() || !ValidatePersistedKeySet())
        {
            throw new InvalidOperationException("A benchmark's token does not authenticate; the figures would measure a refusal.");
        }
    }

    private static OAuth2Server Build(ManualClock clock, JwtAccessTokenOptions jwt)
    {
        var store = new InMemoryStore(clock);
        store.SaveClientAsync(new OAuth2Client
        {
            Id = "bench",
            SecretHash = OAuth2.Security.ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, default).AsTask().GetAwaiter().GetResult();
        return new OAuth2Server(new StoreBackedModel(store), new OAuth2ServerOptions { JwtAccessTokens = jwt, GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.ClientCredentials } }, clock);
    }

    private static OAuth2Request Bearer(string token) => new()
    {
        Method = "GET",
        Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token)], ignoreCase: true),
    };

    [Benchmark(Baseline = true)]
    public bool IssueSingleKey() => Completed(_single.TokenAsync(_tokenRequest)).Succeeded;

    [Benchmark]
    public bool IssuePersistedKeySet() => Completed(_persisted.TokenAsync(_tokenRequest)).Succeeded;

    [Benchmark]
    public bool ValidateSingleKey() => Completed(_single.AuthenticateAsync(_singleBearer)).Succeeded;

    [Benchmark]
    public bool ValidatePersistedKeySet() => Completed(_persisted.AuthenticateAsync(_persistedBearer)).Succeeded;

    private static T Completed<T>(ValueTask<T> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("Expected in-memory stores to complete synchronously.");
}
