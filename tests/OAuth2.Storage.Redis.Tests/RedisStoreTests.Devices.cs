using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Storage.Redis.Tests.Infrastructure;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>Device authorizations on Redis: the stored shape, TTLs by retention, and expiry by the store's clock.</summary>
public abstract partial class RedisStoreTests<TFixture>
{
    [Fact]
    public async Task Device_keys_live_until_the_retention_not_the_expiry_and_an_update_keeps_their_ttl()
    {
        var store = Fixture.CreateStore();
        var now = Samples.Now();
        var (device, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        var pending = Samples.Device(now, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));
        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct));

        var (deviceKey, userKey) = (DeviceKey(store, device), UserKey(store, user));
        AssertPttl(TimeSpan.FromMinutes(30), await PttlAsync(deviceKey));
        AssertPttl(TimeSpan.FromMinutes(30), await PttlAsync(userKey));

        // Even a replacement that names a later retention keeps the retention (and the TTLs) the save set.
        var approved = pending with { Status = DeviceAuthorizationStatus.Approved, User = Samples.User(), RetainUntil = now.AddHours(5), Revision = 1 };
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, approved, Ct));
        AssertPttl(TimeSpan.FromMinutes(30), await PttlAsync(deviceKey));
        AssertPttl(TimeSpan.FromMinutes(30), await PttlAsync(userKey));
        Assert.Equal(now.AddMinutes(30).ToUnixTimeMilliseconds(), (long)await Db.HashGetAsync(deviceKey, "u"));
        Assert.Equal(DeviceAuthorizationStatus.Approved, (await store.FindDeviceAuthorizationAsync(device, Ct))!.Status);
    }

    [Fact]
    public async Task Device_records_are_a_hash_with_the_revision_apart_and_the_user_code_holds_only_the_device_digest_and_retention()
    {
        var store = Fixture.CreateStore();
        var now = Samples.Now();
        var (device, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        var authorization = Samples.Device(now, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)) with { Revision = 4_000_000_000L };
        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, authorization, Ct));

        var stored = (await Fixture.ReadAllAsync(store.Options.KeyPrefix)).ToDictionary(k => k.Key, k => k);
        Assert.Equal(2, stored.Count);
        var record = stored[DeviceKey(store, device)];
        Assert.Equal(RedisType.Hash, record.Type);
        Assert.Equal(["n=4000000000", "u=" + authorization.RetainUntil.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)], record.Values.Where(v => !v.StartsWith("v=", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("4000000000", record.Values.Single(v => v.StartsWith("v=", StringComparison.Ordinal)), StringComparison.Ordinal);
        var userCode = stored[UserKey(store, user)];
        Assert.Equal(RedisType.String, userCode.Type);
        Assert.Equal([device.ToHex() + "|" + authorization.RetainUntil.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)], userCode.Values);

        // The compare-and-swap works on revisions past 2^32 (compared as text, not as a Lua number).
        Assert.False(await store.UpdateDeviceAuthorizationAsync(device, 4_000_000_001L, authorization with { Revision = 4_000_000_002L }, Ct));
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 4_000_000_000L, authorization with { Revision = 4_000_000_001L }, Ct));
        Assert.Equal("4000000001", (string?)await Db.HashGetAsync(DeviceKey(store, device), "n"));
    }

    [Fact]
    public async Task A_device_authorization_past_its_retention_is_not_written_at_all()
    {
        var store = Fixture.CreateStore();
        var now = Samples.Now();
        var gone = Samples.Device(now, TimeSpan.FromMinutes(-2), TimeSpan.FromMilliseconds(-1));

        Assert.True(await store.SaveDeviceAuthorizationAsync(TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), gone, Ct));

        Assert.Empty(await Fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task Device_retention_is_checked_against_the_store_clock_too()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = Fixture.CreateStore(timeProvider: clock);
        var now = Samples.Now(clock);
        var (device, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        var pending = Samples.Device(now, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        Assert.True(await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await store.FindDeviceAuthorizationAsync(device, Ct)); // expired, still retained
        Assert.True(await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Revision = 1 }, Ct));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await store.FindDeviceAuthorizationAsync(device, Ct));
        Assert.False(await store.UpdateDeviceAuthorizationAsync(device, 1, pending with { Revision = 2 }, Ct));
        Assert.Equal("1", (string?)await Db.HashGetAsync(DeviceKey(store, device), "n"));
    }

    [Fact]
    public async Task Redis_drops_both_device_keys_by_itself_at_the_retention()
    {
        var store = Fixture.CreateStore();
        var now = Samples.Now();
        var retained = Samples.Device(now, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));
        Assert.True(await store.SaveDeviceAuthorizationAsync(TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), retained, Ct));
        Assert.Equal(2, (await Fixture.KeysAsync(store.Options.KeyPrefix)).Count);

        await Task.Delay(800, Ct);

        Assert.Empty(await Fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task A_refused_user_code_leaves_the_holder_and_its_ttl_untouched()
    {
        var store = Fixture.CreateStore();
        var now = Samples.Now();
        var (first, second, user) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        Assert.True(await store.SaveDeviceAuthorizationAsync(first, user, Samples.Device(now, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), Ct));

        Assert.False(await store.SaveDeviceAuthorizationAsync(second, user, Samples.Device(now, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)), Ct));

        AssertPttl(TimeSpan.FromMinutes(2), await PttlAsync(UserKey(store, user)));
        Assert.Equal(2, (await Fixture.KeysAsync(store.Options.KeyPrefix)).Count);
    }

    private static string DeviceKey(RedisOAuth2Store store, TokenDigest digest) => store.Options.KeyPrefix + "dc:{" + digest.ToHex() + "}";

    private static string UserKey(RedisOAuth2Store store, TokenDigest digest) => store.Options.KeyPrefix + "uc:{" + digest.ToHex() + "}";
}
