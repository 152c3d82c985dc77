using System.Collections.Concurrent;

namespace OAuth2.Storage.InMemory;

/// <summary>
/// The in-process <see cref="IFailedAttemptStore"/>: the default when no storage package registers a shared one. Its
/// counts hold for this process only, so behind a load balancer each instance counts on its own (register a shared
/// store, e.g. the Redis or relational package's, to count across instances).
/// </summary>
/// <remarks>
/// <para>
/// Memory is bounded, because an attacker chooses the keys (every unknown client id or username makes one): at most
/// <see cref="MaxKeys"/> keys are held. Windows that have ended are swept at most once per sweep interval, on a write.
/// </para>
/// <para>
/// When a new key finds the store full, ended windows are dropped first; if that frees less than a tenth of the room,
/// the keys with the fewest failures go next (one failure, then two, and so on) until a tenth is free. A key under a
/// real guessing attack has many failures, so it is the last to be forgotten: to push it out, an attacker must first
/// give a tenth of <see cref="MaxKeys"/> other keys more failures each. Reads never block; writes share one lock.
/// </para>
/// </remarks>
public sealed class InMemoryFailedAttemptStore : IFailedAttemptStore
{
    /// <summary>The default cap on keys: 100,000 keys of at most 128 characters stay under about 40 MB.</summary>
    public const int DefaultMaxKeys = 100_000;

    /// <summary>How often, at most, a write sweeps ended windows.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private readonly TimeSpan _sweepInterval;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private int _count;

    /// <summary>Creates an empty store.</summary>
    /// <param name="maxKeys">The most keys held at once; see the remarks for what happens when full.</param>
    /// <param name="sweepInterval">Minimum time between sweeps of ended windows; <see cref="DefaultSweepInterval"/> when <c>null</c>.</param>
    public InMemoryFailedAttemptStore(int maxKeys = DefaultMaxKeys, TimeSpan? sweepInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        var interval = sweepInterval ?? DefaultSweepInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(sweepInterval));
        MaxKeys = maxKeys;
        _sweepInterval = interval;
    }

    /// <summary>The most keys held at once.</summary>
    public int MaxKeys { get; }

    /// <summary>How many keys are held now (ended windows included until they are swept).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        CheckKey(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            if (now >= _nextSweep)
            {
                RemoveWhere(w => w.EndsAt <= now);
                _nextSweep = now + _sweepInterval;
            }

            Window next;
            if (_windows.TryGetValue(key, out var current) && current.EndsAt > now)
            {
                next = new Window(current.Count + 1, current.EndsAt);
            }
            else
            {
                if (current is null && _count >= MaxKeys)
                {
                    MakeRoom(now);
                }

                next = new Window(1, now + window);
                if (current is null)
                {
                    _count++;
                }
            }

            _windows[key] = next;
            return ValueTask.FromResult(new FailedAttempts(next.Count, next.EndsAt));
        }
    }

    /// <inheritdoc />
    public ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        CheckKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_windows.TryGetValue(key, out var current) && current.EndsAt > now
            ? new FailedAttempts(current.Count, current.EndsAt)
            : FailedAttempts.None);
    }

    /// <inheritdoc />
    public ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken)
    {
        CheckKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            if (_windows.TryRemove(key, out _))
            {
                _count--;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Called under the write lock when a new key finds the store full: drops ended windows, then the keys with the
    /// fewest failures, until a tenth of the room is free. One sort per tenth of the capacity, so O(log n) per new key.
    /// </summary>
    private void MakeRoom(DateTimeOffset now)
    {
        var target = MaxKeys - Math.Max(1, MaxKeys / 10);
        RemoveWhere(w => w.EndsAt <= now);
        if (_count <= target)
        {
            return;
        }

        var counts = new long[_count];
        var n = 0;
        foreach (var (_, window) in _windows)
        {
            if (n == counts.Length)
            {
                break;
            }

            counts[n++] = window.Count;
        }

        Array.Sort(counts, 0, n);
        var threshold = counts[Math.Clamp(_count - target - 1, 0, n - 1)];
        RemoveWhere(w => w.Count < threshold, stopAt: target);
        RemoveWhere(w => w.Count == threshold, stopAt: target);
    }

    private void RemoveWhere(Func<Window, bool> match, int stopAt = 0)
    {
        foreach (var (key, window) in _windows)
        {
            if (_count <= stopAt)
            {
                return;
            }

            if (match(window) && _windows.TryRemove(key, out _))
            {
                _count--;
            }
        }
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, IFailedAttemptStore.MaxKeyLength, nameof(key));
    }

    /// <summary>One key's window: immutable, replaced whole, so a lock-free read never sees half an update.</summary>
    private sealed record Window(long Count, DateTimeOffset EndsAt);
}
