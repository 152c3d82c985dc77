namespace OAuth2.Storage;

/// <summary>
/// Optional beside <see cref="IExpiredDataPruner"/>, for stores that several server instances share (one SQL
/// database behind many servers): lets one instance at a time prune, so N servers do not run N identical delete
/// sweeps against the same tables. A store without it is pruned by every instance, which is safe but redundant.
/// </summary>
/// <remarks>
/// The lease is held by the backend (a database lock tied to a session), so an instance that dies mid-run releases
/// it with its connection; nobody has to wait for a lease to time out.
/// </remarks>
public interface IPruningLease
{
    /// <summary>
    /// Takes the pruning lease without waiting. Returns a handle that releases it when disposed, or <c>null</c> when
    /// another instance holds it (that instance prunes this time).
    /// </summary>
    ValueTask<IAsyncDisposable?> TryAcquirePruningLeaseAsync(CancellationToken cancellationToken);
}
