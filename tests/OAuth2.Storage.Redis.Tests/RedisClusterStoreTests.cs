using OAuth2.Storage.Redis.Tests.Infrastructure;

namespace OAuth2.Storage.Redis.Tests;

public sealed class RedisClusterStoreTests(RedisClusterFixture fixture) : RedisStoreTests<RedisClusterFixture>(fixture)
{
    private readonly RedisClusterFixture fixture = fixture;

    [Fact]
    public async Task On_a_cluster_token_keys_spread_over_the_primaries()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        for (var i = 0; i < 30; i++)
        {
            await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Access("g" + i, now, TimeSpan.FromMinutes(1)), null, null, Ct);
        }

        var perNode = new List<long>();
        foreach (var server in fixture.Redis.GetServers().Where(s => !s.IsReplica))
        {
            var count = 0L;
            await foreach (var unused in server.KeysAsync(pattern: store.Options.KeyPrefix + "*"))
            {
                count++;
            }

            perNode.Add(count);
        }

        Assert.Equal(3, perNode.Count);
        Assert.All(perNode, n => Assert.True(n > 0, "every primary holds some of the store's keys"));
        Assert.Equal(60, perNode.Sum());
    }
}
