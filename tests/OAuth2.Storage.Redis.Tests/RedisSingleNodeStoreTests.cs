using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

public sealed class RedisSingleNodeStoreTests(RedisSingleNodeFixture fixture) : RedisStoreTests<RedisSingleNodeFixture>(fixture);
