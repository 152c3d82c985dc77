using OAuth2.Storage;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// What a backend supplies to run the conformance suite: a fresh, isolated store per test on the clock the case
/// gives it, and optionally a raw dump of everything the backend holds (to prove no plaintext credential is stored).
/// </summary>
/// <remarks>
/// A backend that is not available (e.g. no server configured) calls <c>Assert.Skip("reason")</c> from
/// <see cref="CreateStoreAsync(TimeProvider, CancellationToken)"/>, so each case shows as skipped with that reason.
/// </remarks>
public abstract class StoreFixture : IAsyncDisposable
{
    /// <summary>
    /// Creates a new store that shares no data with any store created before (its own key prefix, database or schema)
    /// and that judges every expiry and retention by <paramref name="timeProvider"/>.
    /// </summary>
    /// <param name="timeProvider">
    /// The case's clock: a fake clock that starts at the current time (to the millisecond) and that the case moves
    /// forward to the exact instants it checks. The store must read "now" from it and from nothing else.
    /// </param>
    /// <param name="cancellationToken">The test's cancellation token.</param>
    public abstract ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>A new store on the system clock, for tests of your own outside the suite.</summary>
    public ValueTask<IOAuth2Store> CreateStoreAsync(CancellationToken cancellationToken) => CreateStoreAsync(TimeProvider.System, cancellationToken);

    /// <summary>
    /// Everything the backend holds for <paramref name="store"/> as text (keys and values, documents, rows), or
    /// <c>null</c> when the backend cannot be dumped; the plaintext checks are then skipped.
    /// </summary>
    public virtual ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <summary>
    /// Whether the backend removes expired items by itself (Redis TTL, Mongo TTL index). Stores that cannot must
    /// implement <see cref="IExpiredDataPruner"/>. Native removal follows the backend's own (real) clock, so the case
    /// that checks it waits in real time; every other case moves the fake clock instead.
    /// </summary>
    public virtual bool ExpiresItemsNatively => false;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
