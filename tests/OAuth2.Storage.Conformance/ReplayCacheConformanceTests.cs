using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// The conformance suite of <see cref="IReplayCache"/>, which makes a <c>jti</c> (client assertion, DPoP proof, JWT
/// bearer grant) single-use across instances. A backend derives one class with a fixture implementing
/// <see cref="IReplayCacheFixture"/>:
/// <code>
/// public sealed class MyReplayCacheTests(MyFixture fixture) : ReplayCacheConformanceTests&lt;MyFixture&gt;(fixture);
/// </code>
/// </summary>
/// <remarks>
/// Time is only ever the <c>now</c> a case passes, a day ahead of the real clock: a cache must decide expiry by it,
/// never by its own clock (a backend TTL for clean-up may be set as the time left).
/// </remarks>
public abstract class ReplayCacheConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IReplayCacheFixture
{
    /// <summary>How many callers add one key at once.</summary>
    protected const int ConcurrentCallers = 64;

    protected ReplayCacheConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Start
    {
        get
        {
            var now = TimeProvider.System.GetUtcNow().AddDays(1);
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }

    /// <summary>A fresh cache for one test.</summary>
    protected ValueTask<IReplayCache> NewCacheAsync() => Fixture.CreateReplayCacheAsync(Ct);

    /// <summary>A key as the core builds one: a kind, then a hash.</summary>
    protected static string NewKey() => $"ca:{Guid.NewGuid():N}";

    [Fact]
    public async Task ReplayCache_FirstAddWinsAndASecondIsAReplay()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var t0 = Start;
        Assert.True(await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct));
        Assert.False(await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct));
        Assert.False(await cache.TryAddAsync(key, t0.AddMinutes(10), t0.AddMinutes(4), Ct));
    }

    [Fact]
    public async Task ReplayCache_KeysAreIndependentAndCompareOrdinally()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var t0 = Start;
        Assert.True(await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct));
        Assert.True(await cache.TryAddAsync(key.ToUpperInvariant(), t0.AddMinutes(5), t0, Ct));
        Assert.True(await cache.TryAddAsync(NewKey(), t0.AddMinutes(5), t0, Ct));
    }

    [Fact]
    public async Task ReplayCache_AnExpiredEntryCanBeAddedAgain()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var t0 = Start;
        Assert.True(await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct));
        Assert.False(await cache.TryAddAsync(key, t0.AddMinutes(20), t0.AddMinutes(5).AddMilliseconds(-1), Ct));
        Assert.True(await cache.TryAddAsync(key, t0.AddMinutes(20), t0.AddMinutes(5), Ct));
        Assert.False(await cache.TryAddAsync(key, t0.AddMinutes(30), t0.AddMinutes(19), Ct));
    }

    [Fact]
    public async Task ReplayCache_ConcurrentAddsOfOneKeyHaveExactlyOneWinner()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var t0 = Start;
        var results = await Task.WhenAll(Enumerable.Range(0, ConcurrentCallers)
            .Select(_ => Task.Run(async () => await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct), Ct)));
        Assert.Equal(1, results.Count(added => added));
    }

    [Fact]
    public async Task ReplayCache_ConcurrentReAddsOfAnExpiredKeyHaveExactlyOneWinner()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var t0 = Start;
        Assert.True(await cache.TryAddAsync(key, t0.AddMinutes(1), t0, Ct));
        var later = t0.AddMinutes(2);
        var results = await Task.WhenAll(Enumerable.Range(0, ConcurrentCallers)
            .Select(_ => Task.Run(async () => await cache.TryAddAsync(key, later.AddMinutes(5), later, Ct), Ct)));
        Assert.Equal(1, results.Count(added => added));
    }

    [Fact]
    public async Task ReplayCache_TheLongestKeyIsAccepted()
    {
        var cache = await NewCacheAsync();
        var key = "ca:" + new string('k', IReplayCache.MaxKeyLength - 3);
        var t0 = Start;
        Assert.True(await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct));
        Assert.False(await cache.TryAddAsync(key, t0.AddMinutes(5), t0, Ct));
    }

    [Fact]
    public async Task ReplayCache_ACancelledCallThrows()
    {
        var cache = await NewCacheAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cache.TryAddAsync(NewKey(), Start.AddMinutes(5), Start, cancelled.Token));
    }
}
