using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

public sealed class RedisClusterStoreTests(RedisClusterFixture fixture) : RedisStoreTests<RedisClusterFixture>(fixture);
