using Microsoft.Extensions.Time.Testing;
using OAuth2.Core.Tests.Support;
using OAuth2.Storage;

namespace OAuth2.Core.Tests.Storage;

/// <summary>The per-process jti cache behind the JWT bearer grant until the shared replay store lands (RFC 7523 section 3, item 7).</summary>
public sealed class ProcessReplayCacheTests
{
    private readonly FakeTimeProvider _time = new(Harness.Start);

    [Fact]
    public void A_jti_is_used_once_per_issuer()
    {
        var cache = new ProcessReplayCache(_time);
        var until = Harness.Start.AddMinutes(5);
        Assert.True(cache.TryUse("iss-a", "j", until));
        Assert.False(cache.TryUse("iss-a", "j", until));
        Assert.True(cache.TryUse("iss-b", "j", until));
    }

    [Fact]
    public void Concurrent_uses_of_one_jti_have_exactly_one_winner()
    {
        var cache = new ProcessReplayCache(_time);
        var wins = 0;
        Parallel.For(0, 64, _ =>
        {
            if (cache.TryUse("iss", "race", Harness.Start.AddMinutes(5)))
            {
                Interlocked.Increment(ref wins);
            }
        });
        Assert.Equal(1, wins);
    }

    [Fact]
    public void When_full_of_live_entries_it_refuses_and_after_they_expire_it_admits_again()
    {
        var cache = new ProcessReplayCache(_time, capacity: 2);
        Assert.True(cache.TryUse("iss", "1", Harness.Start.AddMinutes(1)));
        Assert.True(cache.TryUse("iss", "2", Harness.Start.AddMinutes(1)));
        Assert.False(cache.TryUse("iss", "3", Harness.Start.AddMinutes(1)));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(cache.TryUse("iss", "3", Harness.Start.AddMinutes(3)));
    }
}
