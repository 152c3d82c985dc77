namespace OAuth2.Storage.Conformance;

/// <summary>
/// What a backend supplies to run <see cref="FailedAttemptStoreConformanceTests{TFixture}"/>: a fresh, isolated
/// failed-attempt store per test. An interface rather than a base class, so the fixture a backend already has for
/// <see cref="StoreConformanceTests{TFixture}"/> (one server, one connection) can serve both suites.
/// </summary>
/// <remarks>
/// A backend that is not available calls <c>Assert.Skip("reason")</c> from
/// <see cref="CreateFailedAttemptStoreAsync"/>, so each case shows as skipped with that reason.
/// </remarks>
public interface IFailedAttemptStoreFixture
{
    /// <summary>Creates a store that shares no counter with any store created before (its own key prefix, database or schema).</summary>
    ValueTask<IFailedAttemptStore> CreateFailedAttemptStoreAsync(CancellationToken cancellationToken);
}
