namespace OAuth2.Storage.Conformance;

/// <summary>
/// What a backend supplies to run <see cref="ReplayCacheConformanceTests{TFixture}"/>: a fresh, isolated replay cache per
/// test. An interface, so the fixture a backend already has for the other suites can serve this one too.
/// </summary>
/// <remarks>A backend that is not available calls <c>Assert.Skip("reason")</c> from <see cref="CreateReplayCacheAsync"/>.</remarks>
public interface IReplayCacheFixture
{
    /// <summary>Creates a cache that shares no entry with any cache created before (its own key prefix, database or schema).</summary>
    ValueTask<IReplayCache> CreateReplayCacheAsync(CancellationToken cancellationToken);
}
