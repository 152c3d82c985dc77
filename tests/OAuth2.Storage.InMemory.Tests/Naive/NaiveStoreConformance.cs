using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests.Naive;

/// <summary>
/// The suite bound to the naive store. Internal, so xunit does not discover it (its failures are the point);
/// <see cref="ConformanceRun"/> invokes its cases instead.
/// </summary>
internal sealed class NaiveStoreConformance(NaiveStoreFixture fixture) : StoreConformanceTests<NaiveStoreFixture>(fixture);
