namespace OAuth2.Benchmarks;

/// <summary>
/// A clock the benchmarks move by a fixed step per token request, so that tokens expire and the store's sweep keeps
/// its population steady, as a host's is; without it the store would grow for the whole run and its tables' growth
/// would land, unpredictably, in whichever iteration is measured.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan step) => Interlocked.Add(ref _utcTicks, step.Ticks);
}
