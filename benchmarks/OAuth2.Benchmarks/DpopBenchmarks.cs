using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Benchmarks;

/// <summary>
/// A client-credentials token request with a DPoP proof (RFC 9449) beside the same request without one, on one
/// server: the difference is the proof check (JWS parse, JWK import, one ES256 verification, the claims, one replay
/// cache write) plus binding the token. Proofs are single use, so each call takes the next of a pool signed in setup.
/// </summary>
[MemoryDiagnoser]
public class DpopBenchmarks
{
    private const string Secret = "benchmark-client-secret-0123456789abcdef";
    private const string TokenUrl = "https://as.example.com/token";
    private const int Proofs = 200_000;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OAuth2Request[] _dpopRequests = new OAuth2Request[Proofs];
    private OAuth2Server _server = null!;
    private OAuth2Request _bearer = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryStore(_clock, sweepInterval: TimeSpan.FromMilliseconds(250));
        store.SaveClientAsync(new OAuth2Client
        {
            Id = "bench",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, default).AsTask().GetAwaiter().GetResult();
        var options = new OAuth2ServerOptions
        {
            Issuer = "https://as.example.com",
            AccessTokenLifetime = TimeSpan.FromSeconds(1),
            GrantTypes = new HashSet<string>(StringComparer.Ordinal) { OAuth2.GrantTypes.ClientCredentials },
        };
        options.Dpop.ReplayCache = new InMemoryReplayCache();

        // The run moves the clock by a millisecond a call; the window keeps every pre-signed proof fresh throughout.
        options.Dpop.ProofLifetime = TimeSpan.FromHours(1);
        _server = new OAuth2Server(new StoreBackedModel(store), options, _clock);

        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/x-www-form-urlencoded"),
            new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + Secret))),
        };
        var form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read");
        _bearer = new OAuth2Request { Method = "POST", Headers = ParameterCollection.From(headers, ignoreCase: true), Form = form, Url = TokenUrl };

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["typ"] = "dpop+jwt",
            ["alg"] = "ES256",
            ["jwk"] = new Dictionary<string, string> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(point.X), ["y"] = Base64Url.EncodeToString(point.Y) },
        }));
        var iat = _clock.GetUtcNow().ToUnixTimeSeconds();
        for (var i = 0; i < Proofs; i++)
        {
            var claims = $"{{\"jti\":\"{i:x8}-{Guid.NewGuid():N}\",\"htm\":\"POST\",\"htu\":\"{TokenUrl}\",\"iat\":{iat}}}";
            var input = header + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims));
            var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            _dpopRequests[i] = _bearer with
            {
                Headers = ParameterCollection.From([.. headers, new("DPoP", input + "." + Base64Url.EncodeToString(signature))], ignoreCase: true),
            };
        }
    }

    [Benchmark(Baseline = true)]
    public bool ClientCredentials()
    {
        _clock.Advance(Step);
        return Completed(_server.TokenAsync(_bearer)).Succeeded;
    }

    /// <summary>The same request with a fresh proof: its token comes back bound (<c>token_type: DPoP</c>).</summary>
    [Benchmark]
    public bool ClientCredentialsWithDpop()
    {
        _clock.Advance(Step);
        var result = Completed(_server.TokenAsync(_dpopRequests[_next++ % Proofs]));
        return result.Succeeded && result.Value!.JwkThumbprint is not null;
    }

    private static T Completed<T>(ValueTask<T> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("Expected the in-memory store to complete synchronously.");
}
