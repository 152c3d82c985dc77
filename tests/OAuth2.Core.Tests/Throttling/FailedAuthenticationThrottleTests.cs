using System.Net;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Throttling;

namespace OAuth2.Core.Tests.Throttling;

public sealed class FailedAuthenticationThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Legitimate = IPAddress.Parse("198.51.100.20");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FailedAuthenticationThrottle Create(Action<FailedAuthenticationOptions>? configure = null)
    {
        var options = new FailedAuthenticationOptions();
        configure?.Invoke(options);
        return new FailedAuthenticationThrottle(_store, options, _clock);
    }

    private static async Task FailAsync(FailedAuthenticationThrottle throttle, AuthenticationSubject subject, string id, IPAddress address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var check = await throttle.CheckAsync(subject, id, address, Ct);
            Assert.False(check.IsThrottled);
            await throttle.RecordFailureAsync(check, Ct);
        }
    }

    [Fact]
    public async Task UserPerAddress_LocksAfterFive_UntilTheWindowEnds_WithRetryAfter()
    {
        var throttle = Create();
        await FailAsync(throttle, AuthenticationSubject.User, "alice", Attacker, 4);
        var fifth = await throttle.RecordFailureAsync(await throttle.CheckAsync(AuthenticationSubject.User, "alice", Attacker, Ct), Ct);
        Assert.True(fifth.IsThrottled);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var locked = await throttle.CheckAsync(AuthenticationSubject.User, "alice", Attacker, Ct);
        Assert.True(locked.IsThrottled);
        Assert.Equal(TimeSpan.FromMinutes(10), locked.RetryAfter);

        // Another address, and another username from the same address, are unaffected.
        Assert.False((await throttle.CheckAsync(AuthenticationSubject.User, "alice", Legitimate, Ct)).IsThrottled);
        Assert.False((await throttle.CheckAsync(AuthenticationSubject.User, "bob", Attacker, Ct)).IsThrottled);
        // Subjects do not share counts: a client named "alice" is not locked.
        Assert.False((await throttle.CheckAsync(AuthenticationSubject.Client, "alice", Attacker, Ct)).IsThrottled);

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False((await throttle.CheckAsync(AuthenticationSubject.User, "alice", Attacker, Ct)).IsThrottled);
    }

    [Fact]
    public async Task ClientTotal_LocksTheIdForEveryAddress_OnceEnoughAddressesFail()
    {
        var throttle = Create(o => o.ClientTotal.MaxFailures = 25);
        for (var i = 1; i <= 3; i++)
        {
            await FailAsync(throttle, AuthenticationSubject.Client, "svc", IPAddress.Parse($"203.0.113.{i}"), i < 3 ? 10 : 5);
        }

        var check = await throttle.CheckAsync(AuthenticationSubject.Client, "svc", Legitimate, Ct);
        Assert.True(check.IsThrottled);
        Assert.Equal(TimeSpan.FromMinutes(15), check.RetryAfter);
    }

    [Fact]
    public async Task Success_ForgetsTheAddressCount_ButNotTheTotal()
    {
        var throttle = Create(o => o.UserTotal.MaxFailures = 6);
        await FailAsync(throttle, AuthenticationSubject.User, "alice", Legitimate, 4);
        var check = await throttle.CheckAsync(AuthenticationSubject.User, "alice", Legitimate, Ct);
        Assert.Equal(4, check.FailuresFromAddress);
        await throttle.RecordSuccessAsync(check, Ct);

        var fresh = await throttle.CheckAsync(AuthenticationSubject.User, "alice", Legitimate, Ct);
        Assert.Equal(0, fresh.FailuresFromAddress);
        await FailAsync(throttle, AuthenticationSubject.User, "alice", Legitimate, 2);
        Assert.True((await throttle.CheckAsync(AuthenticationSubject.User, "alice", Legitimate, Ct)).IsThrottled);
    }

    [Fact]
    public async Task Success_WithNoFailures_WritesNothing()
    {
        var throttle = Create();
        var check = await throttle.CheckAsync(AuthenticationSubject.Client, "svc", Legitimate, Ct);
        await throttle.RecordSuccessAsync(check, Ct);
        Assert.Equal(0, _store.Resets);
    }

    [Fact]
    public async Task Keys_AreFixedLengthAscii_AndNeverContainTheIdentifier()
    {
        var throttle = Create();
        var longUnicode = string.Concat(Enumerable.Repeat("Jürgen-😀", 400));
        await FailAsync(throttle, AuthenticationSubject.User, longUnicode, Attacker, 1);
        await FailAsync(throttle, AuthenticationSubject.Client, "demo-client", Attacker, 1);

        Assert.Equal(4, _store.Keys.Count);
        Assert.All(_store.Keys, k =>
        {
            Assert.InRange(k.Length, 1, IFailedAttemptStore.MaxKeyLength);
            Assert.All(k, c => Assert.InRange(c, '!', '~'));
            Assert.DoesNotContain("demo-client", k, StringComparison.Ordinal);
        });
        Assert.Equal(4, _store.Keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task IPv6_IsCountedPerPrefix_AndIPv4MappedAsIPv4()
    {
        var throttle = Create();
        await FailAsync(throttle, AuthenticationSubject.User, "alice", IPAddress.Parse("2001:db8:1:2::1"), 3);
        await FailAsync(throttle, AuthenticationSubject.User, "alice", IPAddress.Parse("2001:db8:1:2:ffff::9"), 2);
        Assert.True((await throttle.CheckAsync(AuthenticationSubject.User, "alice", IPAddress.Parse("2001:db8:1:2::77"), Ct)).IsThrottled);
        Assert.False((await throttle.CheckAsync(AuthenticationSubject.User, "alice", IPAddress.Parse("2001:db8:1:3::1"), Ct)).IsThrottled);

        await FailAsync(throttle, AuthenticationSubject.User, "bob", IPAddress.Parse("192.0.2.1"), 5);
        Assert.True((await throttle.CheckAsync(AuthenticationSubject.User, "bob", IPAddress.Parse("::ffff:192.0.2.1"), Ct)).IsThrottled);
    }

    [Fact]
    public async Task Disabled_OrWithoutAnIdentifier_NeverThrottlesAndRecordsNothing()
    {
        var off = Create(o => o.Enabled = false);
        await FailAsync(off, AuthenticationSubject.User, "alice", Attacker, 20);
        var anonymous = Create();
        await FailAsync(anonymous, AuthenticationSubject.Client, null!, Attacker, 20);
        Assert.Empty(_store.Keys);
    }

    [Fact]
    public async Task ALimitSetToZero_IsOff()
    {
        var throttle = Create(o => o.UserPerAddress.MaxFailures = 0);
        await FailAsync(throttle, AuthenticationSubject.User, "alice", Attacker, 49);
        Assert.True((await throttle.RecordFailureAsync(await throttle.CheckAsync(AuthenticationSubject.User, "alice", Attacker, Ct), Ct)).IsThrottled);
        Assert.Single(_store.Keys);
    }

    /// <summary>The in-memory store, with the keys it was given and the resets it did.</summary>
    private sealed class RecordingStore : IFailedAttemptStore
    {
        private readonly InMemoryFailedAttemptStore _inner = new();

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public int Resets { get; private set; }

        public ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
        {
            Keys.Add(key);
            return _inner.RecordFailureAsync(key, now, window, cancellationToken);
        }

        public ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
            => _inner.GetFailuresAsync(key, now, cancellationToken);

        public ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken)
        {
            Resets++;
            return _inner.ResetFailuresAsync(key, cancellationToken);
        }
    }
}
