using OAuth2.Storage.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

public sealed class RedisClusterStoreTests(RedisClusterFixture fixture) : RedisStoreTests<RedisClusterFixture>(fixture)
{
    private readonly RedisClusterFixture _fixture = fixture;

    [Fact]
    public async Task On_a_cluster_token_keys_spread_over_the_primaries()
    {
        var store = _fixture.CreateStore();
        var now = Samples.Now();
        for (var i = 0; i < 30; i++)
        {
            await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Access("g" + i, now, TimeSpan.FromMinutes(1)), null, null, Ct);
        }

        var perNode = new List<long>();
        foreach (var server in _fixture.Redis.GetServers().Where(s => !s.IsReplica))
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
        Assert.Equal(61, perNode.Sum()); // 30 tokens, 30 family sets, 1 client index
    }

    [Fact]
    public async Task On_a_cluster_a_device_save_whose_record_write_fails_leaves_only_a_dangling_user_code_that_expires()
    {
        var store = _fixture.CreateStore();
        var now = Samples.Now();

        // A device key and a user-code key on two different primaries.
        TokenDigest device, user;
        IServer deviceNode;
        do
        {
            (device, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
            deviceNode = Owner(store.Options.KeyPrefix + "dc:{" + device.ToHex() + "}");
        }
        while (deviceNode.EndPoint.Equals(Owner(store.Options.KeyPrefix + "uc:{" + user.ToHex() + "}").EndPoint));

        // The device key's primary refuses writes (it has no replica), as a node in trouble would: NOREPLICAS.
        var retention = TimeSpan.FromMilliseconds(1500);
        await deviceNode.ConfigSetAsync("min-replicas-to-write", "1");
        try
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
                await store.SaveDeviceAuthorizationAsync(device, user, Samples.Device(now, retention, retention), Ct));
            Assert.Contains("could not save a device authorization", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await deviceNode.ConfigSetAsync("min-replicas-to-write", "0");
        }

        // The user code was claimed first: it points to a device code with no record, and holds the code until it expires.
        Assert.Equal(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct));
        Assert.Null(await store.FindDeviceAuthorizationAsync(device, Ct));
        Assert.False(await store.UpdateDeviceAuthorizationAsync(device, 0, Samples.Device(now, retention, retention) with { Revision = 1 }, Ct));
        var keys = await _fixture.KeysAsync(store.Options.KeyPrefix);
        Assert.Equal(store.Options.KeyPrefix + "uc:{" + user.ToHex() + "}", (string?)Assert.Single(keys));
        Assert.InRange((long)await _fixture.Redis.GetDatabase().ExecuteAsync("PTTL", keys[0]), 1, (long)retention.TotalMilliseconds);

        await Task.Delay(retention + TimeSpan.FromMilliseconds(300), Ct);

        Assert.Empty(await _fixture.KeysAsync(store.Options.KeyPrefix));
        var retry = Samples.Device(Samples.Now(), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, retry, Ct));
        Assert.Equal(retry.GrantId, (await store.FindDeviceAuthorizationAsync(device, Ct))!.GrantId);
    }

    private IServer Owner(string key)
    {
        var config = _fixture.Redis.GetServers().First(s => s.IsConnected).ClusterConfiguration!;
        return _fixture.Redis.GetServer(config.GetBySlot(key)!.EndPoint!);
    }
}
