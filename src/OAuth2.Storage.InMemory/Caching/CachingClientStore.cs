using System.Collections.Concurrent;
using OAuth2.Clients;

namespace OAuth2.Storage.Caching;

/// <summary>
/// Serves <see cref="IClientStore.FindClientAsync"/> from memory for <see cref="ClientCacheOptions.Duration"/>, over
/// any store: clients change rarely, yet every token request and every client-authenticated call reads one, and on a
/// networked store (Redis, SQL, Mongo) that read is a round trip. Everything else is forwarded unchanged.
/// </summary>
/// <remarks>
/// <para>
/// The trade-off: a client saved or removed through <em>this</em> instance is invalidated at once, but one removed,
/// or whose secret was rotated or redirect URIs changed, through another server instance or directly in the backend
/// keeps working here until its entry expires. Pick <see cref="ClientCacheOptions.Duration"/> as the longest such
/// delay you accept, or call <see cref="Invalidate"/> from your own change notification.
/// </para>
/// <para>
/// Only clients that exist are cached: an unknown id is read from the store every time, so ids an attacker makes up
/// cannot fill memory, and a client registered on another instance works here at once. At most
/// <see cref="ClientCacheOptions.MaxEntries"/> clients are held. A read that races with a save or removal through
/// this instance is never cached, so a stale client cannot outlive the invalidation. Cached clients are the store's
/// own (immutable) records, shared between callers. The store's <see cref="IStoreInitializer"/> and
/// <see cref="IExpiredDataPruner"/> are forwarded (a no-op when it has none).
/// </para>
/// </remarks>
public sealed class CachingClientStore : DelegatingOAuth2Store, IStoreInitializer, IExpiredDataPruner
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _lifetime;
    private readonly int _maxEntries;
    private readonly Lock _sweepLock = new();
    private long _generation;
    private int _count;
    private long _nextSweep;

    public CachingClientStore(IOAuth2Store inner, ClientCacheOptions options, TimeProvider? timeProvider = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntries, 1, nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _lifetime = ToTimestampUnits(options.Duration, _time.TimestampFrequency);
        _maxEntries = options.MaxEntries;
    }

    /// <summary>How many clients are held now (never more than <see cref="ClientCacheOptions.MaxEntries"/>).</summary>
    public int Count => Volatile.Read(ref _count);

    public override ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<OAuth2Client?>(cancellationToken);
        }

        if (_entries.TryGetValue(clientId, out var entry))
        {
            if (IsFresh(entry, _time.GetTimestamp()))
            {
                return ValueTask.FromResult<OAuth2Client?>(entry.Client);
            }

            Remove(clientId, entry);
        }

        return LoadAsync(clientId, cancellationToken);
    }

    public override async ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await Inner.SaveClientAsync(client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also after a failure: the write may have reached the backend before the error.
            Invalidate(client.Id);
        }
    }

    public override async ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        try
        {
            return await Inner.RemoveClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate(clientId);
        }
    }

    /// <summary>
    /// Forgets one client, so the next lookup reads the store: for applications that learn of a change made elsewhere
    /// (a message from another instance, an admin tool). Saves and removals through this instance do it themselves.
    /// </summary>
    public void Invalidate(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        Interlocked.Increment(ref _generation);
        if (_entries.TryRemove(clientId, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Forgets every client.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        foreach (var (id, entry) in _entries)
        {
            Remove(id, entry);
        }
    }

    public ValueTask InitializeAsync(CancellationToken cancellationToken)
        => Inner is IStoreInitializer initializer ? initializer.InitializeAsync(cancellationToken) : ValueTask.CompletedTask;

    public ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken)
        => Inner is IExpiredDataPruner pruner ? pruner.PruneExpiredAsync(batchSize, cancellationToken) : ValueTask.FromResult(0);

    private async ValueTask<OAuth2Client?> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        // Read before the store is asked: a save or removal that starts after this point bumps it, and the client
        // read (possibly the old one) is then not kept.
        var generation = Volatile.Read(ref _generation);
        var loadedAt = _time.GetTimestamp();
        var client = await Inner.FindClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is not null)
        {
            Add(clientId, new Entry(client, loadedAt), generation);
        }

        return client;
    }

    private void Add(string clientId, Entry entry, long generation)
    {
        if (Volatile.Read(ref _generation) != generation)
        {
            return;
        }

        if (_entries.TryGetValue(clientId, out var existing))
        {
            if (!_entries.TryUpdate(clientId, entry, existing))
            {
                return;
            }
        }
        else
        {
            if (!TryReserveSlot())
            {
                return;
            }

            if (!_entries.TryAdd(clientId, entry))
            {
                Interlocked.Decrement(ref _count);
                return;
            }
        }

        // An invalidation between the check above and the add may have run before the add: undo it.
        if (Volatile.Read(ref _generation) != generation)
        {
            Remove(clientId, entry);
        }
    }

    private bool TryReserveSlot()
    {
        if (TryIncrementBelowBound())
        {
            return true;
        }

        SweepExpired(_time.GetTimestamp());
        return TryIncrementBelowBound();
    }

    /// <summary>Takes a slot only while fewer than the bound are taken, so <see cref="Count"/> never exceeds it, even for a moment.</summary>
    private bool TryIncrementBelowBound()
    {
        var count = Volatile.Read(ref _count);
        while (count < _maxEntries)
        {
            var seen = Interlocked.CompareExchange(ref _count, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    /// <summary>Drops expired entries; when none can have expired yet (the oldest is still fresh) it does not even look.</summary>
    private void SweepExpired(long now)
    {
        if (now < Volatile.Read(ref _nextSweep))
        {
            return;
        }

        lock (_sweepLock)
        {
            if (now < _nextSweep)
            {
                return;
            }

            var oldest = long.MaxValue;
            foreach (var (id, entry) in _entries)
            {
                if (!IsFresh(entry, now))
                {
                    Remove(id, entry);
                }
                else if (entry.LoadedAt < oldest)
                {
                    oldest = entry.LoadedAt;
                }
            }

            Volatile.Write(ref _nextSweep, oldest == long.MaxValue ? now : oldest + _lifetime);
        }
    }

    private void Remove(string clientId, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(clientId, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private bool IsFresh(Entry entry, long now) => now - entry.LoadedAt < _lifetime;

    private static long ToTimestampUnits(TimeSpan duration, long frequency)
    {
        var units = duration.Ticks * (double)frequency / TimeSpan.TicksPerSecond;
        return units >= long.MaxValue / 4 ? long.MaxValue / 4 : Math.Max(1, (long)units);
    }

    /// <summary>A class, not a record: removal compares by reference, so only the entry that was read is removed.</summary>
    private sealed class Entry(OAuth2Client client, long loadedAt)
    {
        public OAuth2Client Client { get; } = client;

        public long LoadedAt { get; } = loadedAt;
    }
}
