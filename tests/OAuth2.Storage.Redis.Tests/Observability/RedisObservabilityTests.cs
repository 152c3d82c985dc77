using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage.Health;
using OAuth2.Storage.Redis.Testing;
using OAuth2.Storage.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests.Observability;

/// <summary>
/// What an operator sees when Redis dies under a running server: exactly one error log line (event 2101, with the
/// outage as its exception) per failed request, and the store health check going Unhealthy, then Healthy once Redis is
/// back. And the probe tells a Redis that keeps nothing (no AOF, no snapshot) from one that persists.
/// </summary>
public sealed class RedisObservabilityTests
{
    private const string Secret = "observability-client-secret-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OAuth2Request TokenRequest() => new()
    {
        Method = "POST",
        Headers = ParameterCollection.From(
            [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
             new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("observed:" + Secret)))],
            ignoreCase: true),
        Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
    };

    [Fact]
    public async Task Killing_redis_mid_flow_logs_one_error_per_failed_request_and_the_health_check_goes_unhealthy_then_healthy()
    {
        await using var harness = await RedisOutageHarness.StartAsync(Ct);
        var logs = new CapturingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOAuth2Server(o => o.GrantTypes.IntersectWith([GrantTypes.ClientCredentials]))
            .AddRedisStorage(_ => harness.Redis, o => o.KeyPrefix = $"obs{Guid.NewGuid():N}:")
            .AddHealthChecks();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOAuth2Store>();
        await store.SaveClientAsync(new OAuth2Client
        {
            Id = "observed",
            SecretHash = ClientSecretHasher.HashGeneratedSecret(Secret),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, Ct);
        var server = provider.GetRequiredService<OAuth2Server>();
        var health = provider.GetRequiredService<HealthCheckService>();

        Assert.True((await server.TokenAsync(TokenRequest(), Ct)).Succeeded);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Ct)).Status);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);

        harness.Kill();
        var failed = 0;
        for (var i = 0; i < 5; i++)
        {
            var result = await server.TokenAsync(TokenRequest(), Ct);
            Assert.Equal(503, result.Response.StatusCode);
            failed++;
        }

        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category == "OAuth2.Core").ToList();
        Assert.Equal(failed, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal(2101, e.EventId.Id);
            Assert.Equal("StoreUnavailable", e.EventId.Name);
            Assert.IsType<StorageUnavailableException>(e.Exception);
        });

        var down = await health.CheckHealthAsync(Ct);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal("redis", down.Entries["oauth2-store"].Data["backend"]);

        await harness.RestartAsync(Ct);
        await RedisOutageHarness.WaitUntilAvailableAsync(async () => await store.FindClientAsync("observed", Ct), TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Ct)).Status);
        Assert.True((await server.TokenAsync(TokenRequest(), Ct)).Succeeded);
    }

    [Fact]
    public async Task A_redis_without_aof_or_snapshots_is_degraded_and_one_with_aof_is_healthy()
    {
        await using var volatileServer = await RedisServerProcess.StartAsync(persistent: false, cancellationToken: Ct);
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(volatileServer.EndPoint))
        {
            var health = await new RedisOAuth2Store(connection).CheckHealthAsync(Ct);
            Assert.True(health.Status == StoreHealthStatus.Degraded, health.Description);
            Assert.Contains("no persistence", health.Description, StringComparison.Ordinal);
        }

        await using var harness = await RedisOutageHarness.StartAsync(Ct);
        var persistent = await harness.CreateStore().CheckHealthAsync(Ct);
        Assert.Equal(StoreHealthStatus.Healthy, persistent.Status);
    }
}
