using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory;

public sealed partial class InMemoryStore
{
    /// <inheritdoc />
    public ValueTask<bool> SaveDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, TokenDigest userCodeDigest, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        var copy = Snapshot.Of(authorization);
        var retainUntil = copy.RetainUntil.UtcTicks;
        var now = NowTicks;

        // Device authorizations are created at human speed; one lock keeps the user-code claim and the save together.
        lock (_deviceSaveLock)
        {
            if (_userCodes.TryGetValue(userCodeDigest, out var holder) && !holder.IsExpired(now))
            {
                return ValueTask.FromResult(false);
            }

            if (now >= retainUntil)
            {
                return ValueTask.FromResult(true);
            }

            _userCodes[userCodeDigest] = new UserCodeEntry(deviceCodeDigest, retainUntil);
            _devices[deviceCodeDigest] = new StoredItem<DeviceAuthorization>(copy, copy.GrantId, retainUntil);
        }

        MaybeSweep(now);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<DeviceAuthorization?>(cancellationToken);
        }

        return ValueTask.FromResult(_devices.TryGetValue(deviceCodeDigest, out var item) && !item.IsExpired(NowTicks)
            ? Volatile.Read(ref item.Value)
            : null);
    }

    /// <inheritdoc />
    public ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userCodeDigest);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TokenDigest?>(cancellationToken);
        }

        return ValueTask.FromResult(_userCodes.TryGetValue(userCodeDigest, out var entry) && !entry.IsExpired(NowTicks)
            ? entry.DeviceCodeDigest
            : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> UpdateDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, long expectedRevision, DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceCodeDigest);
        ArgumentNullException.ThrowIfNull(authorization);
        DeviceRevisions.EnsureNext(expectedRevision, authorization);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        if (!_devices.TryGetValue(deviceCodeDigest, out var item) || item.IsExpired(NowTicks))
        {
            return ValueTask.FromResult(false);
        }

        var replacement = Snapshot.Of(authorization);
        var current = Volatile.Read(ref item.Value);
        return ValueTask.FromResult(
            current.Revision == expectedRevision
            && ReferenceEquals(Interlocked.CompareExchange(ref item.Value, replacement, current), current));
    }

    private int PruneDevices(long now, int batchSize, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (digest, entry) in _userCodes)
        {
            if (entry.IsExpired(now))
            {
                _userCodes.TryRemove(new KeyValuePair<TokenDigest, UserCodeEntry>(digest, entry));
            }
        }

        foreach (var (digest, item) in _devices)
        {
            if (item.IsExpired(now) && _devices.TryRemove(new KeyValuePair<TokenDigest, StoredItem<DeviceAuthorization>>(digest, item)) && ++removed % batchSize == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return removed;
    }
}
