namespace OAuth2.Storage.Conformance;

/// <summary>
/// What a backend supplies to run <see cref="PushedAuthorizationStoreConformanceTests{TFixture}"/>: a fresh, isolated
/// pushed authorization store per test. An interface, so the fixture a backend already has can serve this suite too.
/// </summary>
/// <remarks>A backend that is not available calls <c>Assert.Skip("reason")</c> from <see cref="CreatePushedAuthorizationStoreAsync"/>.</remarks>
public interface IPushedAuthorizationStoreFixture
{
    /// <summary>Creates a store that shares no pushed request with any store created before.</summary>
    ValueTask<IPushedAuthorizationStore> CreatePushedAuthorizationStoreAsync(CancellationToken cancellationToken);
}
