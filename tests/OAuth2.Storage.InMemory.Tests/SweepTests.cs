using static OAuth2.Storage.InMemory.Tests.StoreBuilder;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>The opportunistic background sweep: started by a write once the interval has passed, never otherwise.</summary>
public sealed class SweepTests
{
    [Fact]
    public async Task AWriteAfterTheIntervalSweepsExpiredItemsInTheBackground()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, TimeSpan.FromMinutes(1));
        var expiring = Digest();
        await store.SaveTokensAsync(expiring, Access("g", Start.AddSeconds(30)), null, null, Ct);

        clock.Advance(TimeSpan.FromMinutes(2));
        await store.SaveTokensAsync(Digest(), Access("g2", clock.GetUtcNow().AddHours(1)), null, null, Ct);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ObjectGraphDump.Of(store).Contains(expiring.ToHex(), StringComparison.OrdinalIgnoreCase) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.DoesNotContain(expiring.ToHex(), ObjectGraphDump.Of(store), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await store.PruneExpiredAsync(10, Ct));
    }

    [Fact]
    public async Task WithoutSweepingExpiredItemsWaitForAPrune()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var expiring = Digest();
        await store.SaveTokensAsync(expiring, Access("g", Start.AddSeconds(30)), null, null, Ct);

        clock.Advance(TimeSpan.FromDays(1));
        await store.SaveTokensAsync(Digest(), Access("g2", clock.GetUtcNow().AddHours(1)), null, null, Ct);
        await Task.Delay(100, Ct);

        Assert.Contains(expiring.ToHex(), ObjectGraphDump.Of(store), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await store.PruneExpiredAsync(10, Ct));
    }

    [Fact]
    public void TheSweepIntervalMustBePositiveOrInfinite()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryStore(null, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryStore(null, TimeSpan.FromSeconds(-1)));
        Assert.NotNull(new InMemoryStore(null, Timeout.InfiniteTimeSpan));
    }
}
