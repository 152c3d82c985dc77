using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo.Tests.Server;

/// <summary>
/// Device authorizations against the real server of <c>OAUTH2_MONGO_URL</c> (skipped without one): the indexes, the
/// stored shape, a stale user-code holder that the TTL monitor has not deleted yet, the update keeping the keys and
/// retention, and pruning by retention.
/// </summary>
public sealed class MongoDeviceServerTests(MongoFixture fixture) : IClassFixture<MongoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ensuring_indexes_creates_the_unique_user_code_index_and_the_retention_ttl_index()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);

        await store.EnsureIndexesAsync(Ct);

        var indexes = await (await store.Database.GetCollection<BsonDocument>("oauth2_device_authorizations").Indexes.ListAsync(Ct)).ToListAsync(Ct);
        var userCode = Assert.Single(indexes, i => i["name"] == "userCode_unique");
        Assert.Equal(new BsonDocument("userCode", 1), userCode["key"].AsBsonDocument);
        Assert.True(userCode["unique"].ToBoolean());
        var ttl = Assert.Single(indexes, i => i["name"] == "retainUntil_ttl");
        Assert.Equal(new BsonDocument("retainUntil", 1), ttl["key"].AsBsonDocument);
        Assert.Equal(0, ttl["expireAfterSeconds"].ToInt64());
        Assert.Equal(3, indexes.Count); // with _id_
    }

    [Fact]
    public async Task A_saved_authorization_is_stored_under_its_device_code_digest_with_the_user_code_digest()
    {
        var time = new FakeTimeProvider(Samples.Issued);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);

        Assert.True(await store.SaveDeviceAuthorizationAsync(Samples.Digest("device"), Samples.Digest("user"), Samples.Device, Ct));

        var raw = await store.Database.GetCollection<BsonDocument>("oauth2_device_authorizations").Find(FilterDefinition<BsonDocument>.Empty).SingleAsync(Ct);
        Assert.Equal(Samples.Digest("device").ToArray(), raw["_id"].AsBsonBinaryData.Bytes);
        Assert.Equal(Samples.Digest("user").ToArray(), raw["userCode"].AsBsonBinaryData.Bytes);
        Assert.Equal(BsonType.Int64, raw["revision"].BsonType);
        Assert.Equal(Samples.Device.RetainUntil.ToUnixTimeMilliseconds(), raw["retainUntil"].AsBsonDateTime.MillisecondsSinceEpoch);
    }

    [Fact]
    public async Task A_holder_past_its_retention_that_the_ttl_monitor_has_not_deleted_does_not_block_its_user_code()
    {
        var time = new FakeTimeProvider(Samples.Issued);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        Assert.True(await store.SaveDeviceAuthorizationAsync(Samples.Digest("old"), Samples.Digest("user"), Samples.PendingDevice, Ct));
        time.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(1, await store.DeviceAuthorizations.CountDocumentsAsync(FilterDefinition<DeviceAuthorizationDocument>.Empty, cancellationToken: Ct));

        var fresh = Samples.PendingDevice with { IssuedAt = time.GetUtcNow(), ExpiresAt = time.GetUtcNow().AddMinutes(10), RetainUntil = time.GetUtcNow().AddMinutes(20) };
        Assert.True(await store.SaveDeviceAuthorizationAsync(Samples.Digest("new"), Samples.Digest("user"), fresh, Ct));

        Assert.Equal(Samples.Digest("new"), await store.FindDeviceCodeByUserCodeAsync(Samples.Digest("user"), Ct));
        Assert.Null(await store.FindDeviceAuthorizationAsync(Samples.Digest("old"), Ct));
        Assert.Equal(1, await store.DeviceAuthorizations.CountDocumentsAsync(FilterDefinition<DeviceAuthorizationDocument>.Empty, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_retained_holder_keeps_its_user_code_even_past_its_expiry()
    {
        var time = new FakeTimeProvider(Samples.Issued);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        Assert.True(await store.SaveDeviceAuthorizationAsync(Samples.Digest("first"), Samples.Digest("user"), Samples.PendingDevice, Ct));
        time.Advance(TimeSpan.FromMinutes(15)); // past ExpiresAt, before RetainUntil

        Assert.False(await store.SaveDeviceAuthorizationAsync(Samples.Digest("second"), Samples.Digest("user"), Samples.PendingDevice, Ct));

        Assert.Equal(Samples.Digest("first"), await store.FindDeviceCodeByUserCodeAsync(Samples.Digest("user"), Ct));
        Assert.Equal(1, await store.DeviceAuthorizations.CountDocumentsAsync(FilterDefinition<DeviceAuthorizationDocument>.Empty, cancellationToken: Ct));
    }

    [Fact]
    public async Task Saving_the_same_device_code_twice_is_a_caller_bug()
    {
        var time = new FakeTimeProvider(Samples.Issued);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        await store.SaveDeviceAuthorizationAsync(Samples.Digest("device"), Samples.Digest("user-1"), Samples.PendingDevice, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await store.SaveDeviceAuthorizationAsync(Samples.Digest("device"), Samples.Digest("user-2"), Samples.PendingDevice, Ct));
    }

    [Fact]
    public async Task An_update_keeps_the_user_code_and_the_retention_as_saved()
    {
        var time = new FakeTimeProvider(Samples.Issued);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        await store.SaveDeviceAuthorizationAsync(Samples.Digest("device"), Samples.Digest("user"), Samples.PendingDevice, Ct);
        var approved = Samples.PendingDevice with
        {
            Status = DeviceAuthorizationStatus.Approved,
            User = Samples.User,
            RetainUntil = Samples.Issued.AddDays(1),
            Revision = 1,
        };

        Assert.True(await store.UpdateDeviceAuthorizationAsync(Samples.Digest("device"), 0, approved, Ct));

        var raw = await store.Database.GetCollection<BsonDocument>("oauth2_device_authorizations").Find(FilterDefinition<BsonDocument>.Empty).SingleAsync(Ct);
        Assert.Equal(Samples.Digest("user").ToArray(), raw["userCode"].AsBsonBinaryData.Bytes);
        Assert.Equal(Samples.PendingDevice.RetainUntil.ToUnixTimeMilliseconds(), raw["retainUntil"].AsBsonDateTime.MillisecondsSinceEpoch);
        Assert.Equal("approved", raw["status"].AsString);
        Assert.Equal(1L, raw["revision"].AsInt64);
        time.Advance(TimeSpan.FromMinutes(21));
        Assert.Null(await store.FindDeviceAuthorizationAsync(Samples.Digest("device"), Ct));
        Assert.False(await store.UpdateDeviceAuthorizationAsync(Samples.Digest("device"), 1, approved with { Revision = 2 }, Ct));
    }

    [Fact]
    public async Task Pruning_removes_and_counts_device_authorizations_past_their_retention_only()
    {
        var time = new FakeTimeProvider(Samples.Issued);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        for (var i = 0; i < 5; i++)
        {
            await store.SaveDeviceAuthorizationAsync(Samples.Digest($"old-{i}"), Samples.Digest($"old-user-{i}"), Samples.PendingDevice, Ct);
        }

        var retained = Samples.PendingDevice with { RetainUntil = Samples.Issued.AddHours(1) };
        await store.SaveDeviceAuthorizationAsync(Samples.Digest("retained"), Samples.Digest("retained-user"), retained, Ct);
        time.Advance(TimeSpan.FromMinutes(30)); // every record is past ExpiresAt; five are past RetainUntil

        Assert.Equal(5, await store.PruneExpiredAsync(2, Ct));

        Assert.Equal(1, await store.DeviceAuthorizations.CountDocumentsAsync(FilterDefinition<DeviceAuthorizationDocument>.Empty, cancellationToken: Ct));
        Assert.NotNull(await store.FindDeviceAuthorizationAsync(Samples.Digest("retained"), Ct));
        Assert.Equal(0, await store.PruneExpiredAsync(2, Ct));
    }
}
