using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// The conformance suite of <see cref="IFailedAttemptStore"/>, the counter behind failed-authentication throttling.
/// A backend's test project derives one class from it with a fixture that implements
/// <see cref="IFailedAttemptStoreFixture"/>:
/// <code>
/// public sealed class MyFailedAttemptTests(MyFixture fixture) : FailedAttemptStoreConformanceTests&lt;MyFixture&gt;(fixture);
/// </code>
/// </summary>
/// <remarks>
/// Time is only ever the <c>now</c> the case passes, whole milliseconds apart: a store must decide windows by it,
/// never by its own clock. The cases run both far in the future and far in the past of the real clock (a
/// <c>FakeTimeProvider</c> starts in the year 2000), so a store that compares with its clock, or sets a backend
/// expiry at the absolute window end, fails. A TTL for clean-up may still be set, as the time left in the window.
/// </remarks>
public abstract class FailedAttemptStoreConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IFailedAttemptStoreFixture
{
    /// <summary>How many callers record a failure under one key at once.</summary>
    protected const int ConcurrentCallers = 64;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    protected FailedAttemptStoreConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A day ahead of the real clock, on a whole millisecond: a store that reads its own clock is visibly wrong.</summary>
    private static DateTimeOffset Start
    {
        get
        {
            var now = TimeProvider.System.GetUtcNow().AddDays(1);
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }

    /// <summary>A fresh store for one test.</summary>
    protected ValueTask<IFailedAttemptStore> NewStoreAsync() => Fixture.CreateFailedAttemptStoreAsync(Ct);

    /// <summary>A key as a throttle builds one: a kind, then an id.</summary>
    protected static string NewKey(string kind = "client") => $"{kind}:{Guid.NewGuid():N}";

    [Fact]
    public async Task FailedAttempts_CountUpInOneWindowThatOpensAtTheFirstFailure()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;

        var first = await store.RecordFailureAsync(key, t0, Window, Ct);
        var second = await store.RecordFailureAsync(key, t0.AddSeconds(20), Window, Ct);
        var third = await store.RecordFailureAsync(key, t0.AddMinutes(14), Window, Ct);

        Assert.Equal(new FailedAttempts(1, t0 + Window), first);
        Assert.Equal(new FailedAttempts(2, t0 + Window), second);
        Assert.Equal(new FailedAttempts(3, t0 + Window), third);
        Assert.Equal(new FailedAttempts(3, t0 + Window), await store.GetFailuresAsync(key, t0.AddMinutes(14).AddSeconds(1), Ct));
    }

    [Fact]
    public async Task FailedAttempts_AWindowIsFixedByItsFirstFailure_NotStretchedByLaterOnesOrOtherWindowLengths()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;

        await store.RecordFailureAsync(key, t0, TimeSpan.FromMinutes(1), Ct);
        var later = await store.RecordFailureAsync(key, t0.AddSeconds(30), TimeSpan.FromHours(1), Ct);

        Assert.Equal(new FailedAttempts(2, t0.AddMinutes(1)), later);
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, t0.AddMinutes(1), Ct));
    }

    [Fact]
    public async Task FailedAttempts_InstantsKeepTheirMeaningWhateverTheirOffset()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start.ToOffset(TimeSpan.FromHours(5.5));

        var first = await store.RecordFailureAsync(key, t0, Window, Ct);
        var second = await store.RecordFailureAsync(key, t0.ToOffset(TimeSpan.FromHours(-8)).AddMinutes(1), Window, Ct);

        Assert.Equal(new FailedAttempts(1, t0 + Window), first);
        Assert.Equal(new FailedAttempts(2, t0 + Window), second);
        Assert.Equal(2, (await store.GetFailuresAsync(key, (t0 + Window).AddMilliseconds(-1).ToUniversalTime(), Ct)).Count);
    }

    [Fact]
    public async Task FailedAttempts_AFailureExactlyAtTheWindowEndOpensANewWindow()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        var end = t0 + Window;
        await store.RecordFailureAsync(key, t0, Window, Ct);

        var lastInWindow = await store.RecordFailureAsync(key, end.AddMilliseconds(-1), Window, Ct);
        var atTheEnd = await store.RecordFailureAsync(key, end, Window, Ct);
        var next = await store.RecordFailureAsync(key, end.AddMilliseconds(1), Window, Ct);

        Assert.Equal(new FailedAttempts(2, end), lastInWindow);
        Assert.Equal(new FailedAttempts(1, end + Window), atTheEnd);
        Assert.Equal(new FailedAttempts(2, end + Window), next);
    }

    [Fact]
    public async Task FailedAttempts_AFailureLongAfterTheWindowEndedOpensANewWindowAtItsNow()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        for (var i = 0; i < 5; i++)
        {
            await store.RecordFailureAsync(key, t0.AddSeconds(i), Window, Ct);
        }

        var later = t0.AddHours(7).AddMilliseconds(123);
        var after = await store.RecordFailureAsync(key, later, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(new FailedAttempts(1, later.AddSeconds(30)), after);
        Assert.Equal(new FailedAttempts(1, later.AddSeconds(30)), await store.GetFailuresAsync(key, later, Ct));
    }

    [Fact]
    public async Task FailedAttempts_AnUnknownKeyHasNone()
    {
        var store = await NewStoreAsync();

        var none = await store.GetFailuresAsync(NewKey(), Start, Ct);

        Assert.Equal(FailedAttempts.None, none);
        Assert.Equal(0, none.Count);
        Assert.Equal(DateTimeOffset.MinValue, none.WindowEndsAt);
    }

    [Fact]
    public async Task FailedAttempts_GetSeesTheWindowUntilItEndsAndNoneFromItsEnd()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        var end = t0 + Window;
        await store.RecordFailureAsync(key, t0, Window, Ct);
        await store.RecordFailureAsync(key, t0.AddMinutes(1), Window, Ct);

        Assert.Equal(new FailedAttempts(2, end), await store.GetFailuresAsync(key, end.AddMilliseconds(-1), Ct));
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, end, Ct));
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, end.AddDays(3), Ct));
        // Get only reads: asking at a later time does not end the window for a caller still inside it.
        Assert.Equal(new FailedAttempts(2, end), await store.GetFailuresAsync(key, t0.AddMinutes(2), Ct));
    }

    [Fact]
    public async Task FailedAttempts_FollowTheGivenNow_EvenFarBeforeTheStoresClock()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        // Where a FakeTimeProvider starts: a store that compares with its own clock, or expires the key at the
        // absolute window end, has forgotten the window at once.
        var t0 = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await store.RecordFailureAsync(key, t0, Window, Ct);
        var second = await store.RecordFailureAsync(key, t0.AddMinutes(1), Window, Ct);

        Assert.Equal(new FailedAttempts(2, t0 + Window), second);
        Assert.Equal(new FailedAttempts(2, t0 + Window), await store.GetFailuresAsync(key, t0.AddMinutes(2), Ct));
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, t0 + Window, Ct));
    }

    [Fact]
    public async Task FailedAttempts_ResetForgetsTheWindow()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        for (var i = 0; i < 3; i++)
        {
            await store.RecordFailureAsync(key, t0.AddSeconds(i), Window, Ct);
        }

        await store.ResetFailuresAsync(key, Ct);

        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, t0.AddSeconds(3), Ct));
        var t1 = t0.AddSeconds(4);
        Assert.Equal(new FailedAttempts(1, t1 + Window), await store.RecordFailureAsync(key, t1, Window, Ct));
    }

    [Fact]
    public async Task FailedAttempts_ResettingAnUnknownKeyIsHarmless()
    {
        var store = await NewStoreAsync();
        var key = NewKey();

        await store.ResetFailuresAsync(key, Ct);
        await store.ResetFailuresAsync(key, Ct);

        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, Start, Ct));
    }

    [Fact]
    public async Task FailedAttempts_KeysAreIsolated()
    {
        var store = await NewStoreAsync();
        var (client, user, address) = (NewKey("client"), NewKey("user"), NewKey("ip"));
        var t0 = Start;
        for (var i = 0; i < 4; i++)
        {
            await store.RecordFailureAsync(client, t0, Window, Ct);
        }

        await store.RecordFailureAsync(user, t0.AddMinutes(5), Window, Ct);
        await store.RecordFailureAsync(address, t0.AddMinutes(6), Window, Ct);
        await store.ResetFailuresAsync(address, Ct);

        var now = t0.AddMinutes(7);
        Assert.Equal(new FailedAttempts(4, t0 + Window), await store.GetFailuresAsync(client, now, Ct));
        Assert.Equal(new FailedAttempts(1, t0.AddMinutes(5) + Window), await store.GetFailuresAsync(user, now, Ct));
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(address, now, Ct));
        // A key is matched whole: neither a prefix nor an extension of a counted key shares its count.
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(client[..^1], now, Ct));
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(client + "0", now, Ct));
    }

    [Fact]
    public async Task FailedAttempts_KeysThatDifferOnlyInCaseAreDifferentKeys()
    {
        var store = await NewStoreAsync();
        var id = Guid.NewGuid().ToString("N");
        var (lower, upper) = ("client:abc-" + id, "client:ABC-" + id);
        var t0 = Start;

        await store.RecordFailureAsync(lower, t0, Window, Ct);
        await store.RecordFailureAsync(lower, t0, Window, Ct);
        var upperFirst = await store.RecordFailureAsync(upper, t0.AddSeconds(1), Window, Ct);
        await store.ResetFailuresAsync(upper, Ct);

        Assert.Equal(1, upperFirst.Count);
        Assert.Equal(new FailedAttempts(2, t0 + Window), await store.GetFailuresAsync(lower, t0.AddSeconds(2), Ct));
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(upper, t0.AddSeconds(2), Ct));
    }

    [Fact]
    public async Task FailedAttempts_AKeyOfMaxLengthWithEveryPrintableCharacterIsKeptWhole()
    {
        var store = await NewStoreAsync();
        // Every printable ASCII character (glob, LIKE, regex and hash-tag characters, quotes and backslash among them),
        // then a unique tail, to exactly the longest key a throttle passes.
        var printable = new string([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c)]);
        var tail = Guid.NewGuid().ToString("N");
        var key = printable + new string('k', IFailedAttemptStore.MaxKeyLength - printable.Length - tail.Length) + tail;
        Assert.Equal(IFailedAttemptStore.MaxKeyLength, key.Length);
        var t0 = Start;

        await store.RecordFailureAsync(key, t0, Window, Ct);
        var second = await store.RecordFailureAsync(key, t0, Window, Ct);
        var shorter = await store.RecordFailureAsync(key[..^1], t0, Window, Ct);

        Assert.Equal(new FailedAttempts(2, t0 + Window), second);
        Assert.Equal(1, shorter.Count);
        Assert.Equal(new FailedAttempts(2, t0 + Window), await store.GetFailuresAsync(key, t0, Ct));
        await store.ResetFailuresAsync(key, Ct);
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync(key, t0, Ct));
        Assert.Equal(1, (await store.GetFailuresAsync(key[..^1], t0, Ct)).Count);
    }

    [Fact]
    public async Task FailedAttempts_ConcurrentFailuresAreAllCounted()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        // Warm up (JIT, connection pool, scripts) on another key, or the first callers run before the rest start.
        var warmUp = NewKey();
        await RaceAsync(4, _ => store.RecordFailureAsync(warmUp, t0, Window, Ct));

        var results = await RaceAsync(ConcurrentCallers, i => store.RecordFailureAsync(key, t0.AddMilliseconds(i), Window, Ct));

        Assert.Equal(Enumerable.Range(1, ConcurrentCallers).Select(i => (long)i), results.Select(r => r.Count).Order());
        // One window, opened by whichever failure came first.
        var windowEnds = Assert.Single(results.Select(r => r.WindowEndsAt).Distinct());
        Assert.InRange(windowEnds, t0 + Window, t0.AddMilliseconds(ConcurrentCallers - 1) + Window);
        Assert.Equal(new FailedAttempts(ConcurrentCallers, windowEnds), await store.GetFailuresAsync(key, t0.AddSeconds(1), Ct));
    }

    [Fact]
    public async Task FailedAttempts_ConcurrentFailuresOnAWindowThatJustEndedOpenOneNewWindow()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        await RaceAsync(4, _ => store.RecordFailureAsync(NewKey(), t0, Window, Ct));
        for (var i = 0; i < 3; i++)
        {
            await store.RecordFailureAsync(key, t0, Window, Ct);
        }

        var t1 = t0 + Window;
        var results = await RaceAsync(ConcurrentCallers, _ => store.RecordFailureAsync(key, t1, Window, Ct));

        Assert.Equal(Enumerable.Range(1, ConcurrentCallers).Select(i => (long)i), results.Select(r => r.Count).Order());
        Assert.All(results, r => Assert.Equal(t1 + Window, r.WindowEndsAt));
        Assert.Equal(new FailedAttempts(ConcurrentCallers, t1 + Window), await store.GetFailuresAsync(key, t1, Ct));
    }

    [Fact]
    public async Task FailedAttempts_CancelledCallsThrowAndChangeNothing()
    {
        var store = await NewStoreAsync();
        var key = NewKey();
        var t0 = Start;
        await store.RecordFailureAsync(key, t0, Window, Ct);
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RecordFailureAsync(key, t0, Window, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RecordFailureAsync(NewKey(), t0, Window, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetFailuresAsync(key, t0, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ResetFailuresAsync(key, cancelled));

        Assert.Equal(new FailedAttempts(1, t0 + Window), await store.GetFailuresAsync(key, t0, Ct));
    }

    [Fact]
    public async Task FailedAttempts_TwoStoresFromTheFixtureShareNoCounter()
    {
        var (first, second) = (await NewStoreAsync(), await NewStoreAsync());
        var key = NewKey();
        var t0 = Start;

        await first.RecordFailureAsync(key, t0, Window, Ct);
        await first.RecordFailureAsync(key, t0, Window, Ct);

        Assert.Equal(FailedAttempts.None, await second.GetFailuresAsync(key, t0, Ct));
        Assert.Equal(1, (await second.RecordFailureAsync(key, t0, Window, Ct)).Count);
        Assert.Equal(2, (await first.GetFailuresAsync(key, t0, Ct)).Count);
    }

    /// <summary>Runs <paramref name="callers"/> calls on the thread pool, released together once all are waiting.</summary>
    protected static Task<T[]> RaceAsync<T>(int callers, Func<int, ValueTask<T>> call)
        => Race.AllAtOnceAsync(callers, call, Ct);
}
