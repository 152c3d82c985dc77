using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.Storage;

public sealed class InMemoryFailedAttemptStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failures_CountInAFixedWindowThatOpensAtTheFirst()
    {
        var store = new InMemoryFailedAttemptStore();
        Assert.Equal(new FailedAttempts(1, T0 + Window), await store.RecordFailureAsync("k", T0, Window, Ct));
        Assert.Equal(new FailedAttempts(2, T0 + Window), await store.RecordFailureAsync("k", T0 + TimeSpan.FromMinutes(10), Window, Ct));
        Assert.Equal(new FailedAttempts(2, T0 + Window), await store.GetFailuresAsync("k", T0 + TimeSpan.FromMinutes(14), Ct));

        // At the end of the window the count is gone, and the next failure opens a new window.
        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync("k", T0 + Window, Ct));
        Assert.Equal(new FailedAttempts(1, T0 + Window + Window), await store.RecordFailureAsync("k", T0 + Window, Window, Ct));
    }

    [Fact]
    public async Task Reset_ForgetsOneKeyOnly()
    {
        var store = new InMemoryFailedAttemptStore();
        await store.RecordFailureAsync("a", T0, Window, Ct);
        await store.RecordFailureAsync("b", T0, Window, Ct);
        await store.ResetFailuresAsync("a", Ct);

        Assert.Equal(FailedAttempts.None, await store.GetFailuresAsync("a", T0, Ct));
        Assert.Equal(1, (await store.GetFailuresAsync("b", T0, Ct)).Count);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task ConcurrentFailures_AreNeverLost()
    {
        var store = new InMemoryFailedAttemptStore();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await store.RecordFailureAsync("k", T0, Window, Ct);
            }
        }, Ct)));

        Assert.Equal(8000, (await store.GetFailuresAsync("k", T0, Ct)).Count);
    }

    [Fact]
    public async Task WhenFull_EndedWindowsGoFirst()
    {
        var store = new InMemoryFailedAttemptStore(maxKeys: 10, sweepInterval: TimeSpan.FromDays(1));
        await store.RecordFailureAsync("live", T0 + TimeSpan.FromMinutes(20), Window, Ct);
        for (var i = 0; i < 9; i++)
        {
            await store.RecordFailureAsync("old" + i, T0, Window, Ct);
        }

        await store.RecordFailureAsync("new", T0 + TimeSpan.FromMinutes(20), Window, Ct);

        Assert.Equal(2, store.Count);
        Assert.Equal(1, (await store.GetFailuresAsync("live", T0 + TimeSpan.FromMinutes(21), Ct)).Count);
        Assert.Equal(1, (await store.GetFailuresAsync("new", T0 + TimeSpan.FromMinutes(21), Ct)).Count);
    }

    [Fact]
    public async Task WhenFullOfLiveWindows_TheKeysWithFewestFailuresGo_AndTheAttackedKeyStays()
    {
        var store = new InMemoryFailedAttemptStore(maxKeys: 100);
        for (var i = 0; i < 8; i++)
        {
            await store.RecordFailureAsync("victim", T0, Window, Ct);
        }

        // An attacker mints many more keys than the cap, each with one or two failures.
        for (var i = 0; i < 1000; i++)
        {
            await store.RecordFailureAsync("junk" + i, T0, Window, Ct);
            if (i % 3 == 0)
            {
                await store.RecordFailureAsync("junk" + i, T0, Window, Ct);
            }
        }

        Assert.InRange(store.Count, 1, 100);
        Assert.Equal(8, (await store.GetFailuresAsync("victim", T0, Ct)).Count);
    }

    [Fact]
    public async Task EndedWindows_AreSweptOnAWrite()
    {
        var store = new InMemoryFailedAttemptStore(sweepInterval: TimeSpan.FromMinutes(1));
        for (var i = 0; i < 50; i++)
        {
            await store.RecordFailureAsync("k" + i, T0, Window, Ct);
        }

        await store.RecordFailureAsync("later", T0 + Window + TimeSpan.FromMinutes(1), Window, Ct);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task KeysLongerThanTheContractAllows_AreRefused()
    {
        var store = new InMemoryFailedAttemptStore();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordFailureAsync(new string('k', IFailedAttemptStore.MaxKeyLength + 1), T0, Window, Ct).AsTask());
        Assert.Equal(1, (await store.RecordFailureAsync(new string('k', IFailedAttemptStore.MaxKeyLength), T0, Window, Ct)).Count);
    }
}
