using System.Text;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tokens;

namespace OAuth2.Benchmarks;

/// <summary>
/// Exact bytes allocated per operation, on all threads (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), in windows
/// of BenchmarkDotNet's size: first by the benchmark methods themselves (same setup, same steady store), each
/// window printed so a lumpy one shows; then per client-credentials request with a store that discards tokens (the
/// core alone).
/// </summary>
internal static class AllocationProbe
{
    private const int Window = 16_384;

    public static async Task RunAsync()
    {
        // A fresh instance per method, as BenchmarkDotNet gives each benchmark its own process and setup.
        foreach (var (name, select) in new (string, Func<TokenEndpointBenchmarks, Func<bool>>)[]
        {
            ("Floor", b => b.Floor),
            ("ClientCredentials", b => b.ClientCredentials),
            ("Password", b => b.Password),
            ("Authorize", b => b.Authorize),
            ("AuthorizationCodeWithPkce", b => b.AuthorizationCodeWithPkce),
            ("RefreshWithRotation", b => b.RefreshWithRotation),
            ("Authenticate", b => b.Authenticate),
            ("RefreshRequestParsing", b => () => b.RefreshRequestParsing() > 0),
            ("CodeExchangeRequestParsing", b => () => b.CodeExchangeRequestParsing() > 0),
        })
        {
            var benchmarks = new TokenEndpointBenchmarks();
            benchmarks.Setup();
            var operation = select(benchmarks);
            var windows = new List<double>();
            for (var w = 0; w < 12; w++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < Window; i++)
                {
                    if (!operation())
                    {
                        throw new InvalidOperationException($"{name} failed.");
                    }
                }

                windows.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Window);
            }

            // The first windows include warm-up (JIT, tiering, the store reaching its steady population).
            var steady = windows.Skip(4).ToList();
            Console.WriteLine($"{name}: {steady.Min():F0}-{steady.Max():F0} B per operation (windows: {string.Join(' ', windows.Select(b => b.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        await CoreAloneAsync();
    }

    private static async Task CoreAloneAsync()
    {
        {
            var inner = new InMemoryStore();
            IOAuth2Store store = new DiscardingTokenStore(inner);
            await store.SaveClientAsync(new OAuth2Client
            {
                Id = "bench",
                SecretHash = ClientSecretHasher.HashGeneratedSecret("probe-secret-0123456789"),
                Grants = [GrantTypes.ClientCredentials],
                Scopes = ["read"],
            }, default);
            var options = new OAuth2ServerOptions();
            options.GrantTypes.IntersectWith([GrantTypes.ClientCredentials]);
            var server = new OAuth2Server(new StoreBackedModel(store), options);
            var request = new OAuth2Request
            {
                Method = "POST",
                Headers = ParameterCollection.From(
                    [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
                     new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:probe-secret-0123456789")))],
                    ignoreCase: true),
                Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
            };

            for (var i = 0; i < 20_000; i++)
            {
                await server.TokenAsync(request);
            }

            const int requests = 50_000;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < requests; i++)
            {
                if (!(await server.TokenAsync(request)).Succeeded)
                {
                    throw new InvalidOperationException("The probe's token request failed.");
                }
            }

            var perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)requests;
            Console.WriteLine($"core alone (tokens discarded): {perRequest:F0} B per client-credentials token request (this thread)");
        }
    }

    private sealed class DiscardingTokenStore(IOAuth2Store inner) : DelegatingOAuth2Store(inner)
    {
        public override ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
            => ValueTask.CompletedTask;
    }
}
