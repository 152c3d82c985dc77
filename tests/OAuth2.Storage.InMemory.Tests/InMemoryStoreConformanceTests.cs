using OAuth2.Storage.Conformance;

namespace OAuth2.Storage.InMemory.Tests;

public sealed class InMemoryStoreConformanceTests(InMemoryStoreFixture fixture) : StoreConformanceTests<InMemoryStoreFixture>(fixture);

public sealed class InMemoryPushedAuthorizationConformanceTests(InMemoryStoreFixture fixture) : PushedAuthorizationStoreConformanceTests<InMemoryStoreFixture>(fixture);
