using System.Diagnostics;
using System.Globalization;
using OAuth2.Storage;
using OAuth2.Storage.Redis;
using OAuth2.Storage.Redis.Testing;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Benchmarks.Redis;

/// <summary>
/// A load-robust cross-check of the BenchmarkDotNet ratios (<c>dotnet run -c Release -- --interleaved</c>): each store
/// operation and its raw floor run alternately, one call each, in the same process, so a noisy (shared) machine slows
/// both equally. Prints median and 90th-percentile latency per operation and the ratio of the medians.
/// </summary>
internal static class InterleavedComparison
{
    public static async Task RunAsync(int rounds)
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.EndPoint);
        var db = redis.GetDatabase();
        var store = new RedisOAuth2Store(redis, new RedisStoreOptions { KeyPrefix = "bench:" });
        await store.PreloadScriptsAsync(CancellationToken.None);
        var scriptHash = await redis.GetServer(server.EndPoint).ScriptLoadAsync("return redis.call('GET', KEYS[1])");

        var now = DateTimeOffset.UtcNow;
        var user = new OAuth2User("user-1234") { Properties = new Dictionary<string, string> { ["name"] = "Ada" } };
        var access = new AccessToken { ClientId = "client-1", User = user, Scope = ["read", "write"], IssuedAt = now, ExpiresAt = now.AddHours(1), GrantId = "grant-1" };
        var refresh = new RefreshToken { ClientId = "client-1", User = user, Scope = ["read", "write"], IssuedAt = now, ExpiresAt = now.AddDays(14), GrantId = "grant-1" };
        var at = TokenDigest.Compute("access");
        var rt = TokenDigest.Compute("refresh");
        await store.SaveTokensAsync(at, access, rt, refresh, CancellationToken.None);
        await store.RedeemRefreshTokenAsync(rt, now, CancellationToken.None);
        var value = new byte[(int)(await db.StringGetAsync("bench:at:{" + at.ToHex() + "}")).Length()];
        RedisKey rawKey = "raw:key";
        await db.StringSetAsync(rawKey, value);

        Console.WriteLine($"Interleaved, {rounds} calls each, {DateTime.UtcNow:u}, {Environment.ProcessorCount} CPUs, load {LoadAverage()}");
        Console.WriteLine("| Operation | Floor median | Store median | Ratio (median) | Floor p90 | Store p90 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        await CompareAsync("find access token vs GET", rounds,
            async () => await db.StringGetAsync(rawKey),
            async () => await store.FindAccessTokenAsync(at, CancellationToken.None));
        await CompareAsync("save token pair vs SET PX", rounds,
            async () => await db.StringSetAsync(rawKey, value, TimeSpan.FromHours(1)),
            async () => await store.SaveTokensAsync(at, access, rt, refresh, CancellationToken.None));
        await store.RedeemRefreshTokenAsync(rt, now, CancellationToken.None);
        await CompareAsync("redeem refresh token vs EVALSHA", rounds,
            async () => await db.ScriptEvaluateAsync(scriptHash, [rawKey]),
            async () => await store.RedeemRefreshTokenAsync(rt, now, CancellationToken.None));
    }

    private static async Task CompareAsync(string name, int rounds, Func<Task> floor, Func<Task> subject)
    {
        for (var i = 0; i < 2000; i++)
        {
            await floor();
            await subject();
        }

        var a = new double[rounds];
        var b = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await floor();
            var t1 = Stopwatch.GetTimestamp();
            await subject();
            var t2 = Stopwatch.GetTimestamp();
            a[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
            b[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds;
        }

        Array.Sort(a);
        Array.Sort(b);
        double P(double[] x, double q) => x[(int)(q * (x.Length - 1))];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {P(a, 0.5):F1} us | {P(b, 0.5):F1} us | {P(b, 0.5) / P(a, 0.5):F2} | {P(a, 0.9):F1} us | {P(b, 0.9):F1} us |"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
