using Microsoft.Extensions.Time.Testing;
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
/// <remarks>
/// Every case runs on a fake clock of its own (<see cref="Clock"/>) that the stores it creates are given: it starts
/// at the current time, to the millisecond, and only moves when the case moves it, so expiry and retention are
/// checked at their exact instants and without waiting.
/// </remarks>
public abstract partial class StoreConformanceTests<TFixture> : IClassFixture<TFixture>
    where TFixture : StoreFixture
{
    protected StoreConformanceTests(TFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
        Clock = ConformanceClock.Create();
        Data = new TestData(Clock);
    }

    protected TFixture Fixture { get; }

    /// <summary>The case's clock, handed to every store the case creates.</summary>
    protected FakeTimeProvider Clock { get; }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestData Data { get; }

    /// <summary>A fresh store for one test, on the case's clock.</summary>
    protected ValueTask<IOAuth2Store> NewStoreAsync() => Fixture.CreateStoreAsync(Clock, Ct);
}
