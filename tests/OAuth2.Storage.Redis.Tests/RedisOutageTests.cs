using OAuth2.Storage.Redis.Tests.Infrastructure;
using OAuth2.Tokens;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>Redis going away and coming back: typed failures while it is down, nothing lost once it is back.</summary>
public sealed class RedisOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_Redis_is_down_every_operation_fails_as_unavailable_and_afterwards_nothing_saved_is_lost()
    {
        await using var harness = await RedisOutageHarness.StartAsync(Ct);
        var store = harness.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();

        var pairs = new List<(TokenDigest At, TokenDigest Rt)>();
        for (var i = 0; i < 20; i++)
        {
            var pair = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
            await store.SaveTokensAsync(pair.Item1, Samples.Access(grant, now, TimeSpan.FromMinutes(10)), pair.Item2, Samples.Refresh(grant, now, TimeSpan.FromHours(1)), Ct);
            pairs.Add(pair);
        }

        var code = TokenDigest.Compute(Samples.NewValue());
        await store.SaveAuthorizationCodeAsync(code, Samples.Code(grant, now, TimeSpan.FromMinutes(5)), Ct);
        await store.SaveClientAsync(Samples.Client("outage-client"), Ct);
        Assert.True((await store.RedeemRefreshTokenAsync(pairs[0].Rt, now, Ct)).Won);
        var (device, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        var pending = Samples.Device(now, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct));
        var approved = pending with { Status = DeviceAuthorizationStatus.Approved, User = Samples.User(), Revision = 1 };
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, approved, Ct));

        harness.Kill();

        var fresh = TokenDigest.Compute(Samples.NewValue());
        var failures = new (string Operation, Func<Task> Call)[]
        {
            ("save a token pair", async () => await store.SaveTokensAsync(fresh, Samples.Access(grant, now, TimeSpan.FromMinutes(1)), null, null, Ct)),
            ("find an access token", async () => await store.FindAccessTokenAsync(pairs[1].At, Ct)),
            ("find a refresh token", async () => await store.FindRefreshTokenAsync(pairs[1].Rt, Ct)),
            ("redeem a refresh token", async () => await store.RedeemRefreshTokenAsync(pairs[1].Rt, now, Ct)),
            ("redeem an authorization code", async () => await store.RedeemAuthorizationCodeAsync(code, now, Ct)),
            ("save an authorization code", async () => await store.SaveAuthorizationCodeAsync(fresh, Samples.Code(grant, now, TimeSpan.FromMinutes(1)), Ct)),
            ("find a client", async () => await store.FindClientAsync("outage-client", Ct)),
            ("revoke the tokens of a grant", async () => await store.RevokeTokensOfGrantAsync(grant, Ct)),
            ("save a device authorization", async () => await store.SaveDeviceAuthorizationAsync(fresh, TokenDigest.Compute(Samples.NewValue()), pending, Ct)),
            ("find a device authorization", async () => await store.FindDeviceAuthorizationAsync(device, Ct)),
            ("find a device code by its user code", async () => await store.FindDeviceCodeByUserCodeAsync(user, Ct)),
            ("update a device authorization", async () => await store.UpdateDeviceAuthorizationAsync(device, 1, approved with { RedeemedAt = now, Revision = 2 }, Ct)),
        };
        foreach (var (operation, call) in failures)
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(call);
            TestContext.Current.TestOutputHelper?.WriteLine(error.Message);
            Assert.Contains($"could not {operation}: Redis is unavailable", error.Message, StringComparison.Ordinal);
            Assert.True(error.InnerException is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException, error.InnerException?.GetType().Name);
        }

        await harness.RestartAsync(Ct);
        await RedisOutageHarness.WaitUntilAvailableAsync(async () => await store.FindClientAsync("outage-client", Ct), TimeSpan.FromSeconds(20), Ct);

        // Nothing saved before the outage is lost, the redeemed mark included; nothing attempted during it landed.
        foreach (var (at, rt) in pairs)
        {
            Assert.NotNull(await store.FindAccessTokenAsync(at, Ct));
            Assert.NotNull(await store.FindRefreshTokenAsync(rt, Ct));
        }

        Assert.NotNull(await store.FindAuthorizationCodeAsync(code, Ct));
        Assert.NotNull(await store.FindClientAsync("outage-client", Ct));
        Assert.Null(await store.FindAccessTokenAsync(fresh, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(fresh, Ct));
        Assert.Null(await store.FindDeviceAuthorizationAsync(fresh, Ct));
        Assert.Equal(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct));
        Assert.Equal(DeviceAuthorizationStatus.Approved, (await store.FindDeviceAuthorizationAsync(device, Ct))!.Status);
        var replay = await store.RedeemRefreshTokenAsync(pairs[0].Rt, now.AddSeconds(1), Ct);
        Assert.Equal(RedemptionStatus.AlreadyRedeemed, replay.Status);
        Assert.Equal(now, replay.RedeemedAt);

        // And it works as before: scripts are reloaded transparently after the restart emptied the script cache.
        Assert.True((await store.RedeemRefreshTokenAsync(pairs[1].Rt, now, Ct)).Won);
        Assert.True((await store.RedeemAuthorizationCodeAsync(code, now, Ct)).Won);
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 1, approved with { RedeemedAt = now, Revision = 2 }, Ct));
        await store.SaveTokensAsync(fresh, Samples.Access(grant, now, TimeSpan.FromMinutes(1)), null, null, Ct);
        Assert.Equal(41, await store.RevokeTokensOfGrantAsync(grant, Ct));
    }
}
