using Microsoft.Extensions.Time.Testing;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// The fake clock a case hands its stores. It starts at the real current time truncated to the millisecond (so a
/// backend's native TTL, computed from it, stays close to real time, and boundaries fall on whole milliseconds, the
/// precision every backend keeps), and its local time zone is seven hours behind UTC with no daylight saving, so a
/// store that mixes local wall-clock time into its expiry arithmetic is off by hours, not by nothing.
/// </summary>
internal static class ConformanceClock
{
    /// <summary>The local time zone of every case's clock: UTC−07:00.</summary>
    public static readonly TimeZoneInfo LocalZone = TimeZoneInfo.CreateCustomTimeZone("Conformance-07", TimeSpan.FromHours(-7), "Conformance UTC-07", "Conformance UTC-07");

    public static FakeTimeProvider Create()
    {
        var now = TimeProvider.System.GetUtcNow();
        var clock = new FakeTimeProvider(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero));
        clock.SetLocalTimeZone(LocalZone);
        return clock;
    }
}
