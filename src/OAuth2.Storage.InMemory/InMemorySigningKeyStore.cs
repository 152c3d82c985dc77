namespace OAuth2.Storage.InMemory;

/// <summary>
/// The in-process <see cref="ISigningKeyStore"/>. One instance shared by several servers in one process (tests, or
/// several hosts in one app) gives them one key set; across processes use a shared backend. Keys are lost when the
/// process ends, so tokens signed before a restart stop validating.
/// </summary>
public sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, StoredSigningKey> _keys = [];

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<StoredSigningKey>>([.. _keys.Values.Select(Copy)]);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAddSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        SigningKeyArguments.ThrowIfInvalid(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_keys.TryAdd(key.Generation, Copy(key)));
        }
    }

    /// <inheritdoc />
    public ValueTask RemoveSigningKeyAsync(long generation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _keys.Remove(generation);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A copy, so a caller that changes its byte array cannot change the stored key.</summary>
    private static StoredSigningKey Copy(StoredSigningKey key) => key with { ProtectedKey = [.. key.ProtectedKey] };
}
