using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OAuth2.Storage;
using OAuth2.Storage.Redis;
using OAuth2.Storage.Redis.Testing;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Benchmarks.Redis;

/// <summary>
/// The Redis store's hot operations beside the raw StackExchange.Redis command each one wraps, on a private
/// <c>redis-server</c> over loopback. Each category's baseline is the floor: one raw command, same connection.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RedisStoreBenchmarks
{
    private const int Pool = 4096;

    private readonly TokenDigest[] _access = new TokenDigest[Pool];
    private readonly TokenDigest[] _refresh = new TokenDigest[Pool];
    private readonly RedisKey[] _rawKeys = new RedisKey[Pool];
    private RedisServerProcess? _server;
    private ConnectionMultiplexer? _redis;
    private IDatabase _db = null!;
    private RedisOAuth2Store _store = null!;
    private AccessToken _accessToken = null!;
    private RefreshToken _refreshToken = null!;
    private byte[] _rawValue = [];
    private byte[] _trivialScriptHash = [];
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await RedisServerProcess.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(_server.EndPoint);
        _db = _redis.GetDatabase();
        _store = new RedisOAuth2Store(_redis, new RedisStoreOptions { KeyPrefix = "bench:" });
        await _store.PreloadScriptsAsync(CancellationToken.None);
        _trivialScriptHash = await _redis.GetServer(_server.EndPoint).ScriptLoadAsync("return redis.call('GET', KEYS[1])");

        var now = DateTimeOffset.UtcNow;
        var user = new OAuth2User("user-1234") { Properties = new Dictionary<string, string> { ["name"] = "Ada" } };
        _accessToken = new AccessToken
        {
            ClientId = "client-1",
            User = user,
            Scope = ["read", "write"],
            IssuedAt = now,
            ExpiresAt = now.AddHours(1),
            GrantId = "grant-1",
        };
        _refreshToken = new RefreshToken { ClientId = "client-1", User = user, Scope = ["read", "write"], IssuedAt = now, ExpiresAt = now.AddDays(14), GrantId = "grant-1" };

        // The raw value is the same size as a stored access token, so the floor moves the same bytes.
        await _store.SaveTokensAsync(TokenDigest.Compute("probe"), _accessToken, null, null, CancellationToken.None);
        _rawValue = new byte[(int)(await _db.StringGetAsync("bench:at:{" + TokenDigest.Compute("probe").ToHex() + "}")).Length()];
        for (var i = 0; i < Pool; i++)
        {
            _access[i] = TokenDigest.Compute("access-" + i);
            _refresh[i] = TokenDigest.Compute("refresh-" + i);
            _rawKeys[i] = "raw:" + _access[i].ToHex();
            await _store.SaveTokensAsync(_access[i], _accessToken with { GrantId = "grant-" + i }, _refresh[i], _refreshToken with { GrantId = "grant-" + i }, CancellationToken.None);
            await _store.RedeemRefreshTokenAsync(_refresh[i], now, CancellationToken.None);
            await _db.StringSetAsync(_rawKeys[i], _rawValue);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private int Next() => _next = (_next + 1) % Pool;

    [Benchmark(Baseline = true, Description = "raw StringGet")]
    [BenchmarkCategory("find access token")]
    public Task<RedisValue> RawGet() => _db.StringGetAsync(_rawKeys[Next()]);

    [Benchmark(Description = "store FindAccessTokenAsync")]
    [BenchmarkCategory("find access token")]
    public ValueTask<AccessToken?> FindAccessToken() => _store.FindAccessTokenAsync(_access[Next()], CancellationToken.None);

    [Benchmark(Baseline = true, Description = "raw StringSet (with expiry)")]
    [BenchmarkCategory("save token pair")]
    public Task<bool> RawSet() => _db.StringSetAsync(_rawKeys[Next()], _rawValue, TimeSpan.FromHours(1));

    [Benchmark(Description = "store SaveTokensAsync (access + refresh + family index)")]
    [BenchmarkCategory("save token pair")]
    public ValueTask SaveTokenPair()
    {
        var i = Next();
        return _store.SaveTokensAsync(_access[i], _accessToken, _refresh[i], _refreshToken, CancellationToken.None);
    }

    [Benchmark(Baseline = true, Description = "raw EVALSHA (script with one GET)")]
    [BenchmarkCategory("redeem refresh token")]
    public Task<RedisResult> RawScript() => _db.ScriptEvaluateAsync(_trivialScriptHash, [_rawKeys[Next()]]);

    [Benchmark(Description = "store RedeemRefreshTokenAsync")]
    [BenchmarkCategory("redeem refresh token")]
    public ValueTask<RedemptionResult> RedeemRefresh() => _store.RedeemRefreshTokenAsync(_refresh[Next()], DateTimeOffset.UnixEpoch, CancellationToken.None);
}
