using System.Text;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tokens;

namespace OAuth2.Benchmarks;

/// <summary>
/// Exact bytes allocated per client-credentials token request on the request's own thread, with the in-memory store
/// and with a store that discards tokens (the core alone). BenchmarkDotNet's figure counts every thread, so it also
/// includes the in-memory store's background expiry sweep and its dictionaries' growth.
/// </summary>
internal static class AllocationProbe
{
    public static async Task RunAsync()
    {
        foreach (var coreOnly in new[] { false, true })
        {
            var inner = new InMemoryStore();
            IOAuth2Store store = coreOnly ? new DiscardingTokenStore(inner) : inner;
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
            Console.WriteLine($"{(coreOnly ? "core alone (tokens discarded)" : "core + InMemoryStore")}: {perRequest:F0} B per client-credentials token request");
        }
    }

    private sealed class DiscardingTokenStore(IOAuth2Store inner) : DelegatingOAuth2Store(inner)
    {
        public override ValueTask SaveTokensAsync(TokenDigest accessTokenDigest, AccessToken accessToken, TokenDigest? refreshTokenDigest, RefreshToken? refreshToken, CancellationToken cancellationToken)
            => ValueTask.CompletedTask;
    }
}
