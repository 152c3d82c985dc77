using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Storage;
using OAuth2.Storage.Caching;
using OAuth2.Storage.InMemory;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>
/// The client cache: hits, expiry on the injected clock, no cached misses, invalidation through the same instance
/// (also when a read races with the write), the size bound and concurrent use. The inner store counts its reads.
/// </summary>
public sealed class CachingClientStoreTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ProbeStore _inner = new(new InMemoryStore());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CachingClientStore NewCache(int maxEntries = ClientCacheOptions.DefaultMaxEntries)
        => new(_inner, new ClientCacheOptions { Duration = Duration, MaxEntries = maxEntries }, _time);

    private static OAuth2Client Client(string id, string redirect = "https://app.example.com/cb")
        => new() { Id = id, SecretHash = "sha256$x", RedirectUris = [redirect], Grants = [GrantTypes.ClientCredentials] };

    [Fact]
    public async Task A_second_lookup_within_the_duration_does_not_read_the_store()
    {
        var cache = NewCache();
        var client = Client("app");
        await cache.SaveClientAsync(client, Ct);

        var first = await cache.FindClientAsync("app", Ct);
        var second = await cache.FindClientAsync("app", Ct);

        Assert.Equal(client.SecretHash, first!.SecretHash);
        Assert.Equal(client.RedirectUris, first.RedirectUris);
        Assert.Same(first, second);
        Assert.Equal(1, _inner.Finds);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task An_entry_expires_after_the_duration_on_the_injected_clock()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app"), Ct);
        await cache.FindClientAsync("app", Ct);

        _time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        await cache.FindClientAsync("app", Ct);
        Assert.Equal(1, _inner.Finds);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await cache.FindClientAsync("app", Ct);
        Assert.Equal(2, _inner.Finds);
    }

    [Fact]
    public async Task A_change_made_behind_the_cache_shows_only_after_expiry()
    {
        // The documented trade-off: another instance (here: the inner store directly) rotates the secret.
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app") with { SecretHash = "sha256$old" }, Ct);
        await cache.FindClientAsync("app", Ct);
        await _inner.SaveClientAsync(Client("app") with { SecretHash = "sha256$new" }, Ct);

        Assert.Equal("sha256$old", (await cache.FindClientAsync("app", Ct))!.SecretHash);
        _time.Advance(Duration);
        Assert.Equal("sha256$new", (await cache.FindClientAsync("app", Ct))!.SecretHash);
    }

    [Fact]
    public async Task Unknown_ids_are_not_cached_so_a_client_registered_elsewhere_works_at_once()
    {
        var cache = NewCache();

        Assert.Null(await cache.FindClientAsync("later", Ct));
        Assert.Null(await cache.FindClientAsync("later", Ct));
        Assert.Equal(2, _inner.Finds);
        Assert.Equal(0, cache.Count);

        await _inner.SaveClientAsync(Client("later"), Ct);
        Assert.NotNull(await cache.FindClientAsync("later", Ct));
    }

    [Fact]
    public async Task Saving_through_the_cache_replaces_the_cached_client_at_once()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app"), Ct);
        await cache.FindClientAsync("app", Ct);

        await cache.SaveClientAsync(Client("app", "https://new.example.com/cb"), Ct);

        Assert.Equal(["https://new.example.com/cb"], (await cache.FindClientAsync("app", Ct))!.RedirectUris);
    }

    [Fact]
    public async Task Removing_through_the_cache_forgets_the_client_at_once()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app"), Ct);
        await cache.FindClientAsync("app", Ct);

        Assert.True(await cache.RemoveClientAsync("app", Ct));

        Assert.Null(await cache.FindClientAsync("app", Ct));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_save_that_fails_after_writing_still_invalidates()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app"), Ct);
        await cache.FindClientAsync("app", Ct);
        _inner.FailAfterSave = true;

        await Assert.ThrowsAsync<StorageUnavailableException>(async () => await cache.SaveClientAsync(Client("app", "https://new.example.com/cb"), Ct));

        Assert.Equal(["https://new.example.com/cb"], (await cache.FindClientAsync("app", Ct))!.RedirectUris);
    }

    [Fact]
    public async Task Invalidate_forgets_one_client_and_Clear_all()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("a"), Ct);
        await cache.SaveClientAsync(Client("b"), Ct);
        await cache.FindClientAsync("a", Ct);
        await cache.FindClientAsync("b", Ct);
        await _inner.SaveClientAsync(Client("a", "https://a2.example.com/cb"), Ct);

        cache.Invalidate("a");
        Assert.Equal(["https://a2.example.com/cb"], (await cache.FindClientAsync("a", Ct))!.RedirectUris);
        await cache.FindClientAsync("b", Ct);
        Assert.Equal(3, _inner.Finds);

        cache.Clear();
        Assert.Equal(0, cache.Count);
        await cache.FindClientAsync("a", Ct);
        await cache.FindClientAsync("b", Ct);
        Assert.Equal(5, _inner.Finds);
    }

    [Fact]
    public async Task A_read_that_raced_with_a_save_is_not_kept()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app", "https://old.example.com/cb"), Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inner.AfterRead = release.Task;

        // The lookup reads the old client, then stalls; the save lands and invalidates; then the lookup finishes.
        var racing = cache.FindClientAsync("app", Ct).AsTask();
        await cache.SaveClientAsync(Client("app", "https://new.example.com/cb"), Ct);
        _inner.AfterRead = null;
        release.SetResult();
        Assert.Equal(["https://old.example.com/cb"], (await racing)!.RedirectUris);

        Assert.Equal(["https://new.example.com/cb"], (await cache.FindClientAsync("app", Ct))!.RedirectUris);
    }

    [Fact]
    public async Task At_most_MaxEntries_clients_are_held_and_expired_ones_make_room()
    {
        var cache = NewCache(maxEntries: 2);
        foreach (var id in new[] { "a", "b", "c" })
        {
            await cache.SaveClientAsync(Client(id), Ct);
            await cache.FindClientAsync(id, Ct);
        }

        Assert.Equal(2, cache.Count);
        await cache.FindClientAsync("c", Ct); // full: "c" was not kept, so this reads the store again
        Assert.Equal(4, _inner.Finds);

        _time.Advance(Duration);
        await cache.FindClientAsync("c", Ct); // the expired "a" and "b" are swept; "c" is kept now
        await cache.FindClientAsync("c", Ct);
        Assert.Equal(5, _inner.Finds);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_flood_of_unknown_ids_takes_no_room_from_real_clients()
    {
        var cache = NewCache(maxEntries: 1);
        await cache.SaveClientAsync(Client("real"), Ct);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Null(await cache.FindClientAsync("attacker-" + i, Ct));
        }

        await cache.FindClientAsync("real", Ct);
        await cache.FindClientAsync("real", Ct);

        Assert.Equal(1_001, _inner.Finds);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_cancelled_lookup_throws_even_when_the_client_is_cached()
    {
        var cache = NewCache();
        await cache.SaveClientAsync(Client("app"), Ct);
        await cache.FindClientAsync("app", Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cache.FindClientAsync("app", new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Concurrent_lookups_and_saves_end_with_the_last_save_and_within_the_bound()
    {
        const int maxEntries = 8;
        var cache = NewCache(maxEntries);
        var ids = Enumerable.Range(0, 32).Select(i => "client-" + i).ToArray();
        foreach (var id in ids)
        {
            await cache.SaveClientAsync(Client(id, "https://v0.example.com/cb"), Ct);
        }

        var overBound = 0;
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await cache.FindClientAsync(ids[(i * 7 + r) % ids.Length], Ct);
                if (cache.Count > maxEntries)
                {
                    Interlocked.Increment(ref overBound);
                }
            }
        }, Ct));
        var writer = Task.Run(async () =>
        {
            for (var version = 1; version <= 50; version++)
            {
                foreach (var id in ids)
                {
                    await cache.SaveClientAsync(Client(id, $"https://v{version}.example.com/cb"), Ct);
                }
            }
        }, Ct);
        await Task.WhenAll([.. readers, writer]);

        Assert.Equal(0, overBound);
        foreach (var id in ids)
        {
            Assert.Equal(["https://v50.example.com/cb"], (await cache.FindClientAsync(id, Ct))!.RedirectUris);
        }
    }

    [Fact]
    public void The_options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachingClientStore(_inner, new ClientCacheOptions { Duration = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachingClientStore(_inner, new ClientCacheOptions { Duration = Duration, MaxEntries = 0 }));
    }

    /// <summary>Counts client reads; can stall a read after it has read, and fail a save after it has written.</summary>
    private sealed class ProbeStore(IOAuth2Store inner) : DelegatingOAuth2Store(inner)
    {
        private int _finds;

        public int Finds => Volatile.Read(ref _finds);

        public Task? AfterRead { get; set; }

        public bool FailAfterSave { get; set; }

        public override async ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _finds);
            var client = await base.FindClientAsync(clientId, cancellationToken);
            if (AfterRead is { } gate)
            {
                await gate;
            }

            return client;
        }

        public override async ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
        {
            await base.SaveClientAsync(client, cancellationToken);
            if (FailAfterSave)
            {
                throw new StorageUnavailableException("backend dropped the connection after the write");
            }
        }
    }
}
