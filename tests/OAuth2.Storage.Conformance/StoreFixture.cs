using OAuth2.Storage;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// What a backend supplies to run the conformance suite: a fresh, isolated store per test, and optionally a raw
/// dump of everything the backend holds (to prove no plaintext credential is stored).
/// </summary>
/// <remarks>
/// A backend that is not available (e.g. no server configured) calls <c>Assert.Skip("reason")</c> from
/// <see cref="CreateStoreAsync"/>, so each case shows as skipped with that reason.
/// </remarks>
public abstract class StoreFixture : IAsyncDisposable
{
    /// <summary>Creates a new store that shares no data with any store created before (its own key prefix, database or schema).</summary>
    public abstract ValueTask<IOAuth2Store> CreateStoreAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Everything the backend holds for <paramref name="store"/> as text (keys and values, documents, rows), or
    /// <c>null</c> when the backend cannot be dumped; the plaintext checks are then skipped.
    /// </summary>
    public virtual ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <summary>
    /// Whether the backend removes expired items by itself (Redis TTL, Mongo TTL index). Stores that cannot must
    /// implement <see cref="IExpiredDataPruner"/>.
    /// </summary>
    public virtual bool ExpiresItemsNatively => false;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
