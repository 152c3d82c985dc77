using OAuth2.Storage.Conformance;
using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The pushed authorization store's conformance suite (RFC 9126) against one standalone Redis.</summary>
public sealed class RedisSingleNodePushedAuthorizationConformanceTests(RedisSingleNodeFixture fixture)
    : PushedAuthorizationStoreConformanceTests<RedisSingleNodeFixture>(fixture);

/// <summary>The pushed authorization store's conformance suite against a three-primary Redis Cluster.</summary>
public sealed class RedisClusterPushedAuthorizationConformanceTests(RedisClusterFixture fixture)
    : PushedAuthorizationStoreConformanceTests<RedisClusterFixture>(fixture);
