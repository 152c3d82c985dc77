using OAuth2.Storage.Conformance;
using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The shared store conformance suite against one standalone Redis.</summary>
public sealed class RedisSingleNodeConformanceTests(RedisSingleNodeFixture fixture) : StoreConformanceTests<RedisSingleNodeFixture>(fixture);
