using System.Collections.Concurrent;

namespace OAuth2.Storage.InMemory;

/// <summary>
/// The in-process <see cref="IReplayCache"/>: the default when no storage package registers a shared one. It holds for
/// this process only, so behind a load balancer a value replayed at another instance is not recognised: register a
/// shared cache (the Redis, relational or Mongo package's) when more than one instance serves the same clients.
/// </summary>
/// <remarks>
/// Entries are written only after the signature over them verified, so their number is bounded by what registered
/// clients send within the (short) lifetime of their assertions. Expired entries are swept at most once per sweep
/// interval, on a write.
/// </remarks>
public sealed class InMemoryReplayCache : IReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();
    private readonly TimeSpan _sweepInterval;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Creates an empty cache that sweeps expired entries at most every <paramref name="sweepInterval"/> (one minute when <c>null</c>).</summary>
    public InMemoryReplayCache(TimeSpan? sweepInterval = null)
    {
        _sweepInterval = sweepInterval ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_sweepInterval, TimeSpan.Zero, nameof(sweepInterval));
    }

    /// <summary>How many entries are held now (expired ones included until they are swept).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ReplayCacheArguments.ThrowIfInvalidKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        SweepIfDue(now);
        while (true)
        {
            if (_entries.TryAdd(key, expiresAt))
            {
                return ValueTask.FromResult(true);
            }

            if (!_entries.TryGetValue(key, out var existing))
            {
                continue;
            }

            if (existing > now)
            {
                return ValueTask.FromResult(false);
            }

            // Compare-and-swap on the expired value: of two racing re-adds, one swaps and the other sees the new entry.
            if (_entries.TryUpdate(key, expiresAt, existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep || !_sweepLock.TryEnter())
        {
            return;
        }

        try
        {
            _nextSweep = now + _sweepInterval;
            foreach (var (key, expiresAt) in _entries)
            {
                if (expiresAt <= now)
                {
                    // Removes only the expired pair, never an entry re-added meanwhile.
                    _entries.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, expiresAt));
                }
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }
}
