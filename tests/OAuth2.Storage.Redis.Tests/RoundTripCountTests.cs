using OAuth2.Storage.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>
/// Counts the commands each store operation sends, from the servers' <c>INFO commandstats</c> (reset before each
/// operation over a separate admin connection). Commands a Lua script runs are counted by Redis too; they are listed
/// apart, so the client-sent part (the round trips) is explicit.
/// </summary>
public abstract class RoundTripCountTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : RedisFixture
{
    /// <summary>Commands the admin connection and the driver's housekeeping send; not the store's.</summary>
    private static readonly string[] Housekeeping = ["info", "config", "ping", "echo", "client", "cluster", "subscribe", "command"];

    private ConnectionMultiplexer? _admin;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a script's own calls add to the stats for each store operation (the same on both topologies).</summary>
    protected static class InScript
    {
        /// <summary>
        /// Save of an access and a refresh token: PTTL + SADD (both members) + PEXPIRE on the family set; PTTL + ZADD (both members) +
        /// ZREMRANGEBYSCORE + PEXPIRE on the client index; SET; DEL + HSET + PEXPIRE on the hash.
        /// </summary>
        public static readonly Dictionary<string, long> SavePair = new() { ["pttl"] = 2, ["sadd"] = 1, ["zadd"] = 1, ["zremrangebyscore"] = 1, ["pexpire"] = 3, ["set"] = 1, ["del"] = 1, ["hset"] = 1 };
        public static readonly Dictionary<string, long> SaveCode = new() { ["pttl"] = 1, ["sadd"] = 1, ["pexpire"] = 2, ["del"] = 1, ["hset"] = 1 };
        public static readonly Dictionary<string, long> Redeem = new() { ["hmget"] = 1, ["hset"] = 1 };

        /// <summary>Writing a device record: DEL + HSET + PEXPIRE (after the user code's claim: GET, then SET PX if free).</summary>
        public static readonly Dictionary<string, long> WriteDevice = new() { ["del"] = 1, ["hset"] = 1, ["pexpire"] = 1 };

        /// <summary>The device compare-and-swap: HMGET of revision and retention, HSET of the winner's record and revision.</summary>
        public static readonly Dictionary<string, long> UpdateDevice = new() { ["hmget"] = 1, ["hset"] = 1 };

        /// <summary>A key's first failed attempt: HGET of the window end, then HSET of count and end and PEXPIRE.</summary>
        public static readonly Dictionary<string, long> OpenWindow = new() { ["hget"] = 1, ["hset"] = 1, ["pexpire"] = 1 };

        /// <summary>A failed attempt in a current window: HGET of the window end, HINCRBY of the count.</summary>
        public static readonly Dictionary<string, long> CountIntoWindow = new() { ["hget"] = 1, ["hincrby"] = 1 };
    }

    public async ValueTask InitializeAsync() => _admin = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    /// <summary>Expected commands per operation: (sent by the client, run inside scripts).</summary>
    protected abstract (Dictionary<string, long> Client, Dictionary<string, long> Script) Expected(string operation);

    [Fact]
    public async Task Each_store_operation_sends_exactly_the_promised_commands()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();

        // Warm-up: the driver loads each script once per server (SCRIPT LOAD) before it can send EVALSHA; on a
        // cluster a single pass would not reach every node, so the scripts are preloaded everywhere.
        await store.PreloadScriptsAsync(Ct);
        await ExerciseAsync(store, now, measure: null);

        var measured = new Dictionary<string, Dictionary<string, long>>();
        await ExerciseAsync(fixture.CreateStore(), now, measure: measured);

        foreach (var (operation, actual) in measured)
        {
            var (client, script) = Expected(operation);
            var expected = new Dictionary<string, long>(client);
            foreach (var (command, count) in script)
            {
                expected[command] = expected.GetValueOrDefault(command) + count;
            }

            Assert.True(
                Format(expected) == Format(actual),
                $"{operation}: expected {Format(expected)} (client {Format(client)}), got {Format(actual)}");
        }

        Assert.Equal(19, measured.Count);
    }

    private async Task ExerciseAsync(RedisOAuth2Store store, DateTimeOffset now, Dictionary<string, Dictionary<string, long>>? measure)
    {
        var grant = Guid.NewGuid().ToString();
        var (at, rt, ac) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        var client = Samples.Client("c-" + Guid.NewGuid());

        await Count("save tokens with refresh", async () => await store.SaveTokensAsync(
            at, Samples.Access(grant, now, TimeSpan.FromMinutes(5)), rt, Samples.Refresh(grant, now, TimeSpan.FromHours(1)), Ct));
        await Count("find access token", async () => Assert.NotNull(await store.FindAccessTokenAsync(at, Ct)));
        await Count("find refresh token", async () => Assert.NotNull(await store.FindRefreshTokenAsync(rt, Ct)));
        await Count("save code", async () => await store.SaveAuthorizationCodeAsync(ac, Samples.Code(grant, now, TimeSpan.FromMinutes(1)), Ct));
        await Count("redeem code", async () => Assert.True((await store.RedeemAuthorizationCodeAsync(ac, now, Ct)).Won));
        await Count("redeem refresh token", async () => Assert.True((await store.RedeemRefreshTokenAsync(rt, now, Ct)).Won));
        await Count("save client", async () => await store.SaveClientAsync(client, Ct));
        await Count("find client", async () => Assert.NotNull(await store.FindClientAsync(client.Id, Ct)));
        await Count("remove access token", async () => Assert.True(await store.RemoveAccessTokenAsync(at, Ct)));
        await Count("revoke token family", async () => Assert.Equal(1, await store.RevokeTokensOfGrantAsync(grant, Ct)));
        // Both tokens are gone already (removed, then revoked with the family): the client index lists them still.
        await Count("revoke tokens of client", async () => Assert.Equal(0, await store.RevokeTokensOfClientAsync(Samples.Access(grant, now, TimeSpan.FromMinutes(5)).ClientId, Ct)));

        var (device, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        var pending = Samples.Device(now, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        await Count("save device authorization", async () => Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct)));
        await Count("find device code by user code", async () => Assert.Equal(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct)));
        await Count("find device authorization", async () => Assert.NotNull(await store.FindDeviceAuthorizationAsync(device, Ct)));
        await Count("update device authorization", async () => Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Revision = 1 }, Ct)));

        var attemptKey = "client:" + Guid.NewGuid().ToString("N");
        await Count("record first failure", async () => Assert.Equal(1, (await store.RecordFailureAsync(attemptKey, now, TimeSpan.FromMinutes(5), Ct)).Count));
        await Count("record failure in window", async () => Assert.Equal(2, (await store.RecordFailureAsync(attemptKey, now, TimeSpan.FromMinutes(5), Ct)).Count));
        await Count("get failures", async () => Assert.Equal(2, (await store.GetFailuresAsync(attemptKey, now, Ct)).Count));
        await Count("reset failures", async () => await store.ResetFailuresAsync(attemptKey, Ct));

        async Task Count(string operation, Func<Task> action)
        {
            if (measure is null)
            {
                await action();
                return;
            }

            var servers = Primaries();
            foreach (var server in servers)
            {
                await server.ConfigResetStatisticsAsync();
            }

            await action();

            var total = new Dictionary<string, long>();
            foreach (var server in servers)
            {
                foreach (var (command, calls) in await CommandStatsAsync(server))
                {
                    total[command] = total.GetValueOrDefault(command) + calls;
                }
            }

            measure[operation] = total;
        }
    }

    private IServer[] Primaries() => [.. _admin!.GetServers().Where(s => !s.IsReplica)];

    private static async Task<Dictionary<string, long>> CommandStatsAsync(IServer server)
    {
        var stats = new Dictionary<string, long>();
        foreach (var group in await server.InfoAsync("commandstats"))
        {
            foreach (var entry in group)
            {
                // cmdstat_get: calls=1,usec=2,...  (sub-commands: cmdstat_config|resetstat)
                var command = entry.Key["cmdstat_".Length..];
                if (Array.Exists(Housekeeping, h => command == h || command.StartsWith(h + "|", StringComparison.Ordinal)))
                {
                    continue;
                }

                var calls = long.Parse(entry.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
                stats[command] = stats.GetValueOrDefault(command) + calls;
            }
        }

        return stats;
    }

    private static string Format(Dictionary<string, long> counts) =>
        string.Join(", ", counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
