using OAuth2.Storage.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>Failed-attempt counters on Redis: the stored shape, and a TTL that is the time left in the window.</summary>
public abstract partial class RedisStoreTests<TFixture>
{
    [Fact]
    public async Task Failed_attempts_are_one_hash_per_key_that_expires_with_its_window()
    {
        var store = Fixture.CreateStore();
        var key = "client:{Odd}*Key?" + Guid.NewGuid().ToString("N");
        var counter = (RedisKey)(store.Options.KeyPrefix + "fa:" + key);
        // Far in the past of the Redis clock: the TTL is the time left in the window, not an absolute end.
        var now = new DateTimeOffset(2001, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

        await store.RecordFailureAsync(key, now, TimeSpan.FromMinutes(10), Ct);
        await store.RecordFailureAsync(key, now.AddMinutes(4), TimeSpan.FromMinutes(10), Ct);

        Assert.Equal([counter], await Fixture.KeysAsync(store.Options.KeyPrefix));
        Assert.Equal(2L, (long)await Db.HashGetAsync(counter, "n"));
        Assert.Equal(now.AddMinutes(10).ToUnixTimeMilliseconds(), (long)await Db.HashGetAsync(counter, "e"));
        Assert.Equal(2, (await Db.HashGetAllAsync(counter)).Length);
        // The TTL is set when a window opens and left alone by later failures in it.
        AssertPttl(TimeSpan.FromMinutes(10), await PttlAsync(counter!));

        // A new window (the old one ended) sets the TTL again, from its own length.
        await store.RecordFailureAsync(key, now.AddMinutes(10), TimeSpan.FromMinutes(3), Ct);
        AssertPttl(TimeSpan.FromMinutes(3), await PttlAsync(counter!));
        Assert.Equal(1L, (long)await Db.HashGetAsync(counter, "n"));

        await store.ResetFailuresAsync(key, Ct);
        Assert.Empty(await Fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task Redis_forgets_a_window_by_itself_when_it_ends()
    {
        var store = Fixture.CreateStore();
        var key = "user:" + Guid.NewGuid().ToString("N");
        var now = Samples.Now();

        await store.RecordFailureAsync(key, now, TimeSpan.FromMilliseconds(300), Ct);
        Assert.Single(await Fixture.KeysAsync(store.Options.KeyPrefix));

        await Task.Delay(TimeSpan.FromMilliseconds(600), Ct);
        Assert.Empty(await Fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\tkey")]
    [InlineData("caf\u00e9")]
    public async Task Keys_that_are_not_printable_ascii_are_refused(string key)
    {
        var store = Fixture.CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RecordFailureAsync(key, Samples.Now(), TimeSpan.FromMinutes(1), Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RecordFailureAsync(new string('k', IFailedAttemptStore.MaxKeyLength + 1), Samples.Now(), TimeSpan.FromMinutes(1), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.RecordFailureAsync("k", Samples.Now(), TimeSpan.Zero, Ct));
        Assert.Empty(await Fixture.KeysAsync(store.Options.KeyPrefix));
    }
}
