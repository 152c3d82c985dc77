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
/// A client-credentials token request authenticated by <c>private_key_jwt</c> (ES256 and RS256 assertions) beside the
/// same request with a generated secret (Basic), and the bare signature checks, so the README can say what the
/// assertion costs and how much of it is the signature.
/// </summary>
/// <remarks>
/// The client's signing is not the server's cost, so each assertion is signed once and sent again; the replay cache
/// is replaced by one that accepts every key (the real in-memory cache is one dictionary add; its key, a SHA-256 of
/// client id and jti, is still computed). The clock moves as in <see cref="TokenEndpointBenchmarks"/>; an assertion is
/// signed again when it has used half of its lifetime, which amortises to nothing.
/// </remarks>
[MemoryDiagnoser]
public class PrivateKeyJwtBenchmarks
{
    private const string Issuer = "https://as.example.com";
    private const string Secret = "benchmark-client-secret-0123456789abcdef";

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA _rsa = RSA.Create(2048);
    private OAuth2Server _server = null!;
    private OAuth2Request _secret = null!;
    private OAuth2Request _es256 = null!;
    private OAuth2Request _rs256 = null!;
    private DateTimeOffset _resignAt;
    private byte[] _ecInput = null!;
    private byte[] _ecSignature = null!;
    private byte[] _rsaSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryStore(_clock, sweepInterval: Lifetime / 4);
        Save(store, new OAuth2Client { Id = "bench", SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret), Grants = [GrantTypes.ClientCredentials], Scopes = ["read"] });
        Save(store, KeyClient("bench-es", Jwk(_ec, "e1")));
        Save(store, KeyClient("bench-rs", Jwk(_rsa, "r1")));
        var options = new OAuth2ServerOptions { Issuer = Issuer, AccessTokenLifetime = Lifetime };
        options.ClientAssertions.ReplayCache = new AcceptingReplayCache();
        _server = new OAuth2Server(new StoreBackedModel(store, new StoreModelPolicy()), options, _clock);
        _secret = Post("grant_type=client_credentials&scope=read", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + Secret)));
        Resign();

        _ecInput = Encoding.ASCII.GetBytes("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9");
        _ecSignature = _ec.SignData(_ecInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        _rsaSignature = _rsa.SignData(_ecInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Benchmark(Baseline = true)]
    public bool ClientCredentialsWithSecret()
    {
        _clock.Advance(Step);
        return Completed(_server.TokenAsync(_secret)).Succeeded;
    }

    [Benchmark]
    public bool ClientCredentialsWithEs256Assertion()
    {
        Tick();
        return Completed(_server.TokenAsync(_es256)).Succeeded;
    }

    [Benchmark]
    public bool ClientCredentialsWithRs256Assertion()
    {
        Tick();
        return Completed(_server.TokenAsync(_rs256)).Succeeded;
    }

    /// <summary>The ES256 signature check alone (P-256, SHA-256, r||s), as the verifier calls it.</summary>
    [Benchmark]
    public bool Es256SignatureCheck() => _ec.VerifyData(_ecInput, _ecSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>The RS256 signature check alone (RSA-2048 PKCS#1 v1.5, SHA-256).</summary>
    [Benchmark]
    public bool Rs256SignatureCheck() => _rsa.VerifyData(_ecInput, _rsaSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private void Tick()
    {
        _clock.Advance(Step);
        if (_clock.GetUtcNow() >= _resignAt)
        {
            Resign();
        }
    }

    private void Resign()
    {
        var now = _clock.GetUtcNow();
        _resignAt = now.AddMinutes(2);
        _es256 = AssertionRequest("bench-es", Sign("ES256", "e1", "bench-es", now, data => _ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
        _rs256 = AssertionRequest("bench-rs", Sign("RS256", "r1", "bench-rs", now, data => _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    }

    private static string Sign(string alg, string kid, string clientId, DateTimeOffset now, Func<byte[], byte[]> sign)
    {
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg, kid, typ = "JWT" }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = clientId,
            sub = clientId,
            aud = Issuer,
            jti = Guid.NewGuid().ToString("N"),
            iat = now.ToUnixTimeSeconds(),
            exp = now.AddMinutes(4).ToUnixTimeSeconds(),
        }));
        var input = header + "." + payload;
        return input + "." + Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(input)));
    }

    private static OAuth2Request AssertionRequest(string clientId, string assertion)
        => Post($"grant_type=client_credentials&scope=read&client_id={clientId}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={assertion}", null) with { Path = "/token" };

    private static OAuth2Request Post(string body, string? authorization)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/x-www-form-urlencoded") };
        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        return new OAuth2Request { Method = "POST", Headers = ParameterCollection.From(headers, ignoreCase: true), Form = FormUrlEncoding.Parse(body) };
    }

    private static OAuth2Client KeyClient(string id, Dictionary<string, string> jwk) => new()
    {
        Id = id,
        TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
        Jwks = JsonSerializer.Serialize(new { keys = new[] { jwk } }),
        Grants = [GrantTypes.ClientCredentials],
        Scopes = ["read"],
    };

    private static Dictionary<string, string> Jwk(ECDsa key, string kid)
    {
        var p = key.ExportParameters(false);
        return new() { ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = kid, ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y) };
    }

    private static Dictionary<string, string> Jwk(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return new() { ["kty"] = "RSA", ["kid"] = kid, ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent) };
    }

    private static void Save(InMemoryStore store, OAuth2Client client) => store.SaveClientAsync(client, default).AsTask().GetAwaiter().GetResult();

    private static T Completed<T>(ValueTask<T> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("Expected the in-memory store to complete synchronously.");

    /// <summary>Accepts every key: the assertion is re-sent on purpose (see the remarks).</summary>
    private sealed class AcceptingReplayCache : IReplayCache
    {
        public ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }
}
