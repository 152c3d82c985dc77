using OAuth2.Storage.Conformance;
using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The replay cache's conformance suite against one standalone Redis.</summary>
public sealed class RedisSingleNodeReplayCacheConformanceTests(RedisSingleNodeFixture fixture)
    : ReplayCacheConformanceTests<RedisSingleNodeFixture>(fixture);

/// <summary>The replay cache's conformance suite against a three-primary Redis Cluster.</summary>
public sealed class RedisClusterReplayCacheConformanceTests(RedisClusterFixture fixture)
    : ReplayCacheConformanceTests<RedisClusterFixture>(fixture);
