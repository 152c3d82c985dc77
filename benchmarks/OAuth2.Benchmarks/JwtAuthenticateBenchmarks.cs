using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Jwt;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Benchmarks;

/// <summary>
/// One bearer check, in-process on the in-memory store: an opaque token (a digest and a store read) beside an ES256
/// JWT validated from its signature alone and the same JWT with the revocation check (signature plus the store read).
/// The difference between the last two is what <c>CheckRevocation</c> costs before any network round trip.
/// </summary>
[MemoryDiagnoser]
public class JwtAuthenticateBenchmarks
{
    private const string Secret = "benchmark-client-secret-0123456789abcdef";

    private OAuth2Server _opaqueServer = null!;
    private OAuth2Server _jwtServer = null!;
    private OAuth2Request _opaque = null!;
    private OAuth2Request _jwt = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var jwt = new JwtAccessTokenOptions
        {
            SigningKey = JwtSigningKey.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), "bench"),
            Issuer = "https://as.example.com",
            Audience = "https://api.example.com",
        };
        (_opaqueServer, _opaque) = Build(clock, null);
        (_jwtServer, _jwt) = Build(clock, jwt);
        if (!Opaque() || !JwtSignatureOnly() || !JwtWithRevocationCheck())
        {
            throw new InvalidOperationException("A benchmark's token does not authenticate; the figures would measure a refusal.");
        }
    }

    private static (OAuth2Server Server, OAuth2Request Request) Build(ManualClock clock, JwtAccessTokenOptions? jwt)
    {
        var store = new InMemoryStore(clock);
        store.SaveClientAsync(new OAuth2Client
        {
            Id = "bench",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, default).AsTask().GetAwaiter().GetResult();
        var server = new OAuth2Server(new StoreBackedModel(store), new OAuth2ServerOptions { JwtAccessTokens = jwt, GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.ClientCredentials } }, clock);
        var token = server.TokenAsync(new OAuth2Request
        {
            Method = "POST",
            Headers = ParameterCollection.From(
                [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
                 new("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("bench:" + Secret)))],
                ignoreCase: true),
            Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
        }).AsTask().GetAwaiter().GetResult();
        var request = new OAuth2Request
        {
            Method = "GET",
            Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + token.Value!.AccessToken)], ignoreCase: true),
        };
        return (server, request);
    }

    [Benchmark(Baseline = true)]
    public bool Opaque() => Completed(_opaqueServer.AuthenticateAsync(_opaque)).Succeeded;

    [Benchmark]
    public bool JwtSignatureOnly() => Completed(_jwtServer.AuthenticateAsync(_jwt, null, checkJwtRevocation: false)).Succeeded;

    [Benchmark]
    public bool JwtWithRevocationCheck() => Completed(_jwtServer.AuthenticateAsync(_jwt, null, checkJwtRevocation: true)).Succeeded;

    private static T Completed<T>(ValueTask<T> pending)
        => pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("Expected the in-memory store to complete synchronously.");
}
