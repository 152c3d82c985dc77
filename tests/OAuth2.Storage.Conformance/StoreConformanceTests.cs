using OAuth2.Storage;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// The storage conformance suite. A backend's test project derives one class from it with its
/// <see cref="StoreFixture"/> and inherits every case:
/// <code>
/// public sealed class MyStoreTests(MyFixture fixture) : StoreConformanceTests&lt;MyFixture&gt;(fixture);
/// </code>
/// The cases are spread over the partial files of this class, one per capability.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : StoreFixture
{
    protected StoreConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh store for one test.</summary>
    protected ValueTask<IOAuth2Store> NewStoreAsync() => Fixture.CreateStoreAsync(Ct);
}
