using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>A fresh <see cref="InMemoryReplayCache"/> per test.</summary>
public sealed class InMemoryReplayCacheFixture : IReplayCacheFixture
{
    public ValueTask<IReplayCache> CreateReplayCacheAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReplayCache>(new InMemoryReplayCache());
}

/// <summary>The replay cache's conformance suite against the in-process cache.</summary>
public sealed class InMemoryReplayCacheConformanceTests(InMemoryReplayCacheFixture fixture)
    : ReplayCacheConformanceTests<InMemoryReplayCacheFixture>(fixture)
{
    [Fact]
    public async Task Expired_entries_are_swept_on_a_later_write()
    {
        var cache = new InMemoryReplayCache(TimeSpan.FromSeconds(1));
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await cache.TryAddAsync("k" + i, t0.AddSeconds(30), t0, Ct));
        }

        Assert.Equal(10, cache.Count);
        Assert.True(await cache.TryAddAsync("later", t0.AddMinutes(5), t0.AddMinutes(1), Ct));
        Assert.Equal(1, cache.Count);
    }
}
