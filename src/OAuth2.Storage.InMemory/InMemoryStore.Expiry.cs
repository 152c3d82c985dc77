namespace OAuth2.Storage.InMemory;

public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    /// <remarks>In memory every removal is its own step, so <paramref name="batchSize"/> only sets how often cancellation is checked.</remarks>
    public ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        return ValueTask.FromResult(Prune(batchSize, cancellationToken));
    }

    private int Prune(int batchSize, CancellationToken cancellationToken)
    {
        var now = NowTicks;
        var removed = Prune(_accessTokens, ItemKind.AccessToken, now, batchSize, cancellationToken);
        removed += Prune(_refreshTokens, ItemKind.RefreshToken, now, batchSize, cancellationToken);
        removed += Prune(_codes, ItemKind.AuthorizationCode, now, batchSize, cancellationToken);
        removed += PruneDevices(now, batchSize, cancellationToken);
        removed += PrunePushed(now);
        return removed;
    }

    private int Prune<T>(System.Collections.Concurrent.ConcurrentDictionary<TokenDigest, StoredItem<T>> map, ItemKind kind, long now, int batchSize, CancellationToken cancellationToken)
        where T : class
    {
        var removed = 0;
        foreach (var (digest, item) in map)
        {
            if (item.IsExpired(now) && Evict(map, kind, digest, item) && ++removed % batchSize == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return removed;
    }

    /// <summary>Removes the tokens (or the codes) of one grant, under the grant's lock so no save of it interleaves.</summary>
    private int RevokeGrant(string grantId, bool codes)
    {
        var stripe = GrantIndex.StripeOf(grantId);
        var removed = 0;
        lock (_grants.LockOf(stripe))
        {
            var members = _grants.Find(stripe, grantId);
            if (members is null)
            {
                return 0;
            }

            for (var i = members.Count - 1; i >= 0; i--)
            {
                var member = members[i];
                if ((member.Kind == ItemKind.AuthorizationCode) != codes)
                {
                    continue;
                }

                var gone = member.Kind switch
                {
                    ItemKind.AccessToken => RemoveOfGrant(_accessTokens, member.Digest, grantId),
                    ItemKind.RefreshToken => RemoveOfGrant(_refreshTokens, member.Digest, grantId),
                    _ => RemoveOfGrant(_codes, member.Digest, grantId),
                };
                if (gone)
                {
                    removed++;
                }

                members.RemoveAt(i);
            }

            _grants.RemoveIfEmpty(stripe, grantId, members);
        }

        return removed;
    }

    private static bool RemoveOfGrant<T>(System.Collections.Concurrent.ConcurrentDictionary<TokenDigest, StoredItem<T>> map, TokenDigest digest, string grantId)
        where T : class =>
        map.TryGetValue(digest, out var item)
        && string.Equals(item.GrantId, grantId, StringComparison.Ordinal)
        && map.TryRemove(new KeyValuePair<TokenDigest, StoredItem<T>>(digest, item));

    /// <summary>Starts a background sweep when the interval has passed and none is running; never blocks the caller.</summary>
    private void MaybeSweep(long now)
    {
        if (_sweepIntervalTicks == 0 || now < Volatile.Read(ref _nextSweepTicks) || Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        Volatile.Write(ref _nextSweepTicks, now + _sweepIntervalTicks);
        ThreadPool.UnsafeQueueUserWorkItem(static store => store.Sweep(), this, preferLocal: false);
    }

    private void Sweep()
    {
        try
        {
            Prune(int.MaxValue, CancellationToken.None);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
