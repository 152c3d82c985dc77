using OAuth2.Storage.Conformance;
using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The shared store conformance suite against a three-primary Redis Cluster.</summary>
public sealed class RedisClusterConformanceTests(RedisClusterFixture fixture) : StoreConformanceTests<RedisClusterFixture>(fixture);
