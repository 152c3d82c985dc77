using OAuth2.Storage.Conformance;
using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The failed-attempt counter's conformance suite against one standalone Redis.</summary>
public sealed class RedisSingleNodeFailedAttemptConformanceTests(RedisSingleNodeFixture fixture)
    : FailedAttemptStoreConformanceTests<RedisSingleNodeFixture>(fixture);

/// <summary>The failed-attempt counter's conformance suite against a three-primary Redis Cluster.</summary>
public sealed class RedisClusterFailedAttemptConformanceTests(RedisClusterFixture fixture)
    : FailedAttemptStoreConformanceTests<RedisClusterFixture>(fixture);

/// <summary>The signing key store's conformance suite against one standalone Redis.</summary>
public sealed class RedisSingleNodeSigningKeyConformanceTests(RedisSingleNodeFixture fixture)
    : SigningKeyStoreConformanceTests<RedisSingleNodeFixture>(fixture);

/// <summary>The signing key store's conformance suite against a three-primary Redis Cluster.</summary>
public sealed class RedisClusterSigningKeyConformanceTests(RedisClusterFixture fixture)
    : SigningKeyStoreConformanceTests<RedisClusterFixture>(fixture);
