using System.Text;
using OAuth2.Storage.Conformance;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests.Infrastructure;

/// <summary>
/// Runs the Redis store against servers this fixture starts itself. Every store gets its own key prefix, so tests
/// share the servers but never each other's data.
/// </summary>
public abstract class RedisFixture : StoreFixture, IFailedAttemptStoreFixture, IReplayCacheFixture, IPushedAuthorizationStoreFixture, ISigningKeyStoreFixture, IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    /// <summary>The connection the stores use (one per fixture, as an app would have one per process).</summary>
    public IConnectionMultiplexer Redis => _redis ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Whether the servers form a Redis Cluster.</summary>
    public abstract bool IsCluster { get; }

    /// <summary>A StackExchange.Redis configuration string for the servers.</summary>
    public abstract string Configuration { get; }

    public override bool ExpiresItemsNatively => true;

    public async ValueTask InitializeAsync()
    {
        await StartServersAsync().ConfigureAwait(false);
        _redis = await ConnectionMultiplexer.ConnectAsync(Configuration).ConfigureAwait(false);
    }

    protected abstract Task StartServersAsync();

    protected abstract ValueTask StopServersAsync();

    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IOAuth2Store>(CreateStore(timeProvider: timeProvider));

    public ValueTask<IFailedAttemptStore> CreateFailedAttemptStoreAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IFailedAttemptStore>(CreateStore());

    public ValueTask<IReplayCache> CreateReplayCacheAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReplayCache>(CreateStore());

    public ValueTask<IPushedAuthorizationStore> CreatePushedAuthorizationStoreAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IPushedAuthorizationStore>(CreateStore());

    public ValueTask<ISigningKeyStore> CreateSigningKeyStoreAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISigningKeyStore>(CreateStore());

    /// <summary>Another instance's store: a new store object over the same key prefix.</summary>
    public ValueTask<ISigningKeyStore> OpenSharedSigningKeyStoreAsync(ISigningKeyStore store, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ISigningKeyStore>(CreateStore(((RedisOAuth2Store)store).Options.KeyPrefix));

    public ValueTask<string?> DumpSigningKeysAsync(ISigningKeyStore store, CancellationToken cancellationToken) =>
        DumpAsync((RedisOAuth2Store)store, cancellationToken);

    /// <summary>A store with a fresh unique prefix (or the one given), optionally on a test clock.</summary>
    public RedisOAuth2Store CreateStore(string? prefix = null, TimeProvider? timeProvider = null) =>
        new(Redis, new RedisStoreOptions { KeyPrefix = prefix ?? $"t{Guid.NewGuid():N}:" }, timeProvider);

    public override async ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken)
    {
        var prefix = ((RedisOAuth2Store)store).Options.KeyPrefix;
        var text = new StringBuilder();
        foreach (var (key, type, values) in await ReadAllAsync(prefix).ConfigureAwait(false))
        {
            text.Append(key).Append(" (").Append(type).Append(")\n");
            foreach (var value in values)
            {
                text.Append("  ").Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Every key under <paramref name="prefix"/> on every primary, with its type and values.</summary>
    public async Task<IReadOnlyList<(string Key, RedisType Type, IReadOnlyList<string> Values)>> ReadAllAsync(string prefix)
    {
        var db = Redis.GetDatabase();
        var result = new List<(string, RedisType, IReadOnlyList<string>)>();
        foreach (var key in await KeysAsync(prefix).ConfigureAwait(false))
        {
            var type = await db.KeyTypeAsync(key).ConfigureAwait(false);
            IReadOnlyList<string> values = type switch
            {
                RedisType.String => [(string?)await db.StringGetAsync(key).ConfigureAwait(false) ?? ""],
                RedisType.Hash => [.. (await db.HashGetAllAsync(key).ConfigureAwait(false)).Select(e => $"{e.Name}={e.Value}")],
                RedisType.Set => [.. (await db.SetMembersAsync(key).ConfigureAwait(false)).Select(m => (string)m!)],
                RedisType.SortedSet => [.. (await db.SortedSetRangeByRankAsync(key).ConfigureAwait(false)).Select(m => (string)m!)],
                _ => [],
            };
            result.Add((key!, type, values));
        }

        return result;
    }

    /// <summary>Every key under <paramref name="prefix"/>, scanned on every primary.</summary>
    public async Task<IReadOnlyList<RedisKey>> KeysAsync(string prefix)
    {
        var pattern = EscapeGlob(prefix) + "*";
        var keys = new List<RedisKey>();
        foreach (var server in Redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1000).ConfigureAwait(false))
            {
                keys.Add(key);
            }
        }

        keys.Sort((a, b) => string.CompareOrdinal(a, b));
        return keys;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }

        await StopServersAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static string EscapeGlob(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
