using System.Collections.Concurrent;
using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory;

/// <summary>
/// The embedded default store: everything in process memory, for development, tests and single-instance servers
/// that can afford to lose their tokens on restart. It honours the same contract as the database adapters (it runs
/// the same conformance suite): lookups by digest only, atomic single use, family revocation through a grant index,
/// and expired items dropped on access, by <see cref="PruneExpiredAsync"/> and by an occasional background sweep.
/// </summary>
/// <remarks>
/// Thread-safe. Saved records are copied into collections only the store holds, so a caller mutating a list after
/// saving cannot change what is stored; lookups return the stored record without copying or allocating.
/// </remarks>
public sealed partial class InMemoryStore : IOAuth2Store, IExpiredDataPruner
{
    /// <summary>How often, at most, a write triggers a background sweep of expired items when none is configured.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _timeProvider;
    private readonly long _sweepIntervalTicks;
    private readonly ConcurrentDictionary<string, OAuth2Client> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TokenDigest, StoredItem<AccessToken>> _accessTokens = new();
    private readonly ConcurrentDictionary<TokenDigest, StoredItem<RefreshToken>> _refreshTokens = new();
    private readonly ConcurrentDictionary<TokenDigest, StoredItem<AuthorizationCode>> _codes = new();
    private readonly ConcurrentDictionary<TokenDigest, StoredItem<DeviceAuthorization>> _devices = new();
    private readonly ConcurrentDictionary<TokenDigest, UserCodeEntry> _userCodes = new();
    private readonly Lock _deviceSaveLock = new();
    private readonly GrantIndex _grants = new();
    private long _nextSweepTicks;
    private int _sweeping;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock expiry is judged by; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="sweepInterval">
    /// Minimum time between background sweeps of expired items, started by a write; <see cref="DefaultSweepInterval"/>
    /// when <c>null</c>, none with <see cref="Timeout.InfiniteTimeSpan"/> (expired items then go on access or on
    /// <see cref="PruneExpiredAsync"/>).
    /// </param>
    public InMemoryStore(TimeProvider? timeProvider = null, TimeSpan? sweepInterval = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        var interval = sweepInterval ?? DefaultSweepInterval;
        if (interval != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(sweepInterval));
            _sweepIntervalTicks = interval.Ticks;
            _nextSweepTicks = NowTicks + _sweepIntervalTicks;
        }
    }

    private long NowTicks => _timeProvider.GetUtcNow().UtcTicks;

    /// <summary>Reads an item, evicting it when it has expired.</summary>
    private T? Find<T>(ConcurrentDictionary<TokenDigest, StoredItem<T>> map, ItemKind kind, TokenDigest digest)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (!map.TryGetValue(digest, out var item))
        {
            return null;
        }

        if (item.IsExpired(NowTicks))
        {
            Evict(map, kind, digest, item);
            return null;
        }

        return Volatile.Read(ref item.Value);
    }

    /// <summary>Stores an item and indexes it under its grant, both inside the grant's lock.</summary>
    private void Put<T>(ConcurrentDictionary<TokenDigest, StoredItem<T>> map, ItemKind kind, TokenDigest digest, T value, string grantId, long expiresAtUtcTicks, long now)
        where T : class
    {
        if (now >= expiresAtUtcTicks)
        {
            // Already expired: it must never be found, and it replaces whatever the key held.
            if (map.TryGetValue(digest, out var stale))
            {
                Evict(map, kind, digest, stale);
            }

            return;
        }

        var member = new GrantMember(kind, digest);
        var stripe = GrantIndex.StripeOf(grantId);
        StoredItem<T>? previous;
        lock (_grants.LockOf(stripe))
        {
            map.TryGetValue(digest, out previous);
            map[digest] = new StoredItem<T>(value, grantId, expiresAtUtcTicks);
            if (previous is null || !string.Equals(previous.GrantId, grantId, StringComparison.Ordinal))
            {
                _grants.Add(stripe, grantId, member);
            }
        }

        if (previous is not null && !string.Equals(previous.GrantId, grantId, StringComparison.Ordinal))
        {
            // The key moved to another grant (digests are unique in practice, so this is rare): unlink the old one.
            var oldStripe = GrantIndex.StripeOf(previous.GrantId);
            lock (_grants.LockOf(oldStripe))
            {
                if (!map.TryGetValue(digest, out var current) || !string.Equals(current.GrantId, previous.GrantId, StringComparison.Ordinal))
                {
                    _grants.Remove(oldStripe, previous.GrantId, member);
                }
            }
        }

        MaybeSweep(now);
    }

    /// <summary>Removes exactly <paramref name="item"/> (not a newer item saved under the same key) and its index entry.</summary>
    private bool Evict<T>(ConcurrentDictionary<TokenDigest, StoredItem<T>> map, ItemKind kind, TokenDigest digest, StoredItem<T> item)
        where T : class
    {
        var stripe = GrantIndex.StripeOf(item.GrantId);
        lock (_grants.LockOf(stripe))
        {
            if (!map.TryRemove(new KeyValuePair<TokenDigest, StoredItem<T>>(digest, item)))
            {
                return false;
            }

            _grants.Remove(stripe, item.GrantId, new GrantMember(kind, digest));
            return true;
        }
    }

    /// <summary>Removes the live item under <paramref name="digest"/>; <c>false</c> when there is none (or it had expired).</summary>
    private bool Remove<T>(ConcurrentDictionary<TokenDigest, StoredItem<T>> map, ItemKind kind, TokenDigest digest)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(digest);
        while (map.TryGetValue(digest, out var item))
        {
            if (Evict(map, kind, digest, item))
            {
                return !item.IsExpired(NowTicks);
            }
        }

        return false;
    }

    /// <summary>Atomically sets <c>RedeemedAt</c>: the one caller whose compare-and-swap lands wins.</summary>
    private RedemptionResult Redeem<T>(
        ConcurrentDictionary<TokenDigest, StoredItem<T>> map,
        ItemKind kind,
        TokenDigest digest,
        DateTimeOffset redeemedAt,
        Func<T, DateTimeOffset?> redeemedAtOf,
        Func<T, DateTimeOffset, T> markRedeemed)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (!map.TryGetValue(digest, out var item))
        {
            return RedemptionResult.NotFound;
        }

        if (item.IsExpired(NowTicks))
        {
            Evict(map, kind, digest, item);
            return RedemptionResult.NotFound;
        }

        while (true)
        {
            var current = Volatile.Read(ref item.Value);
            if (redeemedAtOf(current) is { } earlier)
            {
                return new RedemptionResult(RedemptionStatus.AlreadyRedeemed, item.GrantId, earlier);
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref item.Value, markRedeemed(current, redeemedAt), current), current))
            {
                return new RedemptionResult(RedemptionStatus.Redeemed, item.GrantId, redeemedAt);
            }
        }
    }
}
