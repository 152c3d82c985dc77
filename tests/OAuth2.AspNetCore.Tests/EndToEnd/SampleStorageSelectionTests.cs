using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.Sample.Server;
using OAuth2.Storage;
using OAuth2.Storage.Relational;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>The sample's storage is picked by configuration: here the durable SQLite store, on a real file.</summary>
public sealed class SampleStorageSelectionTests
{
    [Fact]
    public async Task Sample_on_sqlite_issues_tokens_that_survive_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("oauth2-sample-sqlite-");
        try
        {
            var args = new[]
            {
                "--urls=http://127.0.0.1:0",
                "--Logging:LogLevel:Default=Warning",
                "--OAuth2:Storage=Sqlite",
                "--OAuth2:SecretHashIterations=1000",
                $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(folder.FullName, "oauth2.db")}",
            };

            string accessToken;
            await using (var first = await RunningSample.StartAsync(args, ct))
            {
                Assert.IsType<RelationalOAuth2Store>(first.App.Services.GetRequiredService<IOAuth2Store>());
                using var client = new HttpClient { BaseAddress = first.BaseAddress };
                using var request = new HttpRequestMessage(HttpMethod.Post, "token")
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));
                using var response = await client.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                accessToken = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
            }

            // A new process on the same file: the token is still there (the in-memory store would have lost it).
            await using var second = await RunningSample.StartAsync(args, ct);
            using var api = new HttpClient { BaseAddress = second.BaseAddress };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var me = await api.GetAsync("api/me", ct);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("demo-client", await me.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sample_on_sqlite_with_the_client_cache_creates_the_schema_through_it_and_issues_tokens()
    {
        // The cache wraps the store the seeder sees: the schema (IStoreInitializer) must still be created through it.
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("oauth2-sample-sqlite-cache-");
        try
        {
            await using var sample = await RunningSample.StartAsync(
                [
                    "--urls=http://127.0.0.1:0",
                    "--Logging:LogLevel:Default=Warning",
                    "--OAuth2:Storage=Sqlite",
                    "--OAuth2:ClientCacheSeconds=30",
                    "--OAuth2:SecretHashIterations=1000",
                    $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(folder.FullName, "oauth2.db")}",
                ],
                ct);
            Assert.IsType<OAuth2.Storage.Caching.CachingClientStore>(sample.App.Services.GetRequiredService<IOAuth2Store>());
            using var client = new HttpClient { BaseAddress = sample.BaseAddress };
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "token")
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));
                using var response = await client.SendAsync(request, ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unknown_storage_name_stops_start_up_naming_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SampleServer.BuildApp(["--urls=http://127.0.0.1:0", "--OAuth2:Storage=Cassandra"]));
        Assert.Contains("Cassandra", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite", error.Message, StringComparison.Ordinal);
    }
}
