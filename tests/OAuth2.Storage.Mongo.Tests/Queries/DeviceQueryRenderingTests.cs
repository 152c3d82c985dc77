using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo.Tests.Queries;

/// <summary>The device authorization filters, update and indexes, rendered by the driver as they go on the wire. No server needed.</summary>
public sealed class DeviceQueryRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 4, 0, 0, 123, TimeSpan.Zero);
    private static readonly TokenDigest Device = TokenDigest.Compute("device-code");
    private static readonly TokenDigest User = TokenDigest.Compute("WDJBMJHT");

    public DeviceQueryRenderingTests() => DocumentClassMaps.EnsureRegistered();

    [Fact]
    public void The_update_matches_the_expected_revision_of_a_retained_record_only()
    {
        var rendered = Render(StoreQueries.AtRevision<DeviceAuthorizationDocument>(Device, 4_000_000_000L, Now));

        Assert.Equal(
            new BsonDocument
            {
                { "_id", Binary(Device) },
                { "revision", new BsonInt64(4_000_000_000L) },
                { "retainUntil", new BsonDocument("$gt", new BsonDateTime(Now.UtcDateTime)) },
            },
            rendered);
    }

    [Fact]
    public void The_update_sets_every_field_but_the_keys_and_the_retention()
    {
        var replacement = DocumentMapper.ToDocument(Device, User, Samples.Device);

        var rendered = StoreQueries.ReplaceDeviceAuthorization(replacement).Render(Args<DeviceAuthorizationDocument>()).AsBsonDocument;

        var set = Assert.IsType<BsonDocument>(Assert.Single(rendered).Value);
        Assert.Equal("$set", rendered.GetElement(0).Name);
        Assert.Equal(
            ["clientId", "scope", "issuedAt", "expiresAt", "grantId", "pollingIntervalSeconds", "status", "user", "lastPolledAt", "redeemedAt", "revision", "resources"],
            set.Names);
        Assert.Equal(new BsonInt64(4_000_000_000L), set["revision"]);
        Assert.Equal(new BsonString("approved"), set["status"]);
        Assert.Equal(new BsonArray { "z-last", "openid", "a-first", "$not-a-path" }, set["scope"]);
        Assert.Equal(new BsonDateTime(Samples.Device.RedeemedAt!.Value.UtcDateTime), set["redeemedAt"]);
    }

    [Fact]
    public void The_update_clears_optionals_that_are_no_longer_set()
    {
        var replacement = DocumentMapper.ToDocument(Device, Device, Samples.PendingDevice with { Revision = 1 });

        var set = StoreQueries.ReplaceDeviceAuthorization(replacement).Render(Args<DeviceAuthorizationDocument>()).AsBsonDocument["$set"].AsBsonDocument;

        Assert.Equal(BsonNull.Value, set["user"]);
        Assert.Equal(BsonNull.Value, set["lastPolledAt"]);
        Assert.Equal(BsonNull.Value, set["redeemedAt"]);
        Assert.Equal(new BsonInt64(1), set["revision"]);
    }

    [Fact]
    public void Finding_by_device_code_filters_on_retention_not_expiry()
    {
        var rendered = Render(StoreQueries.Retained<DeviceAuthorizationDocument>(ElementNames.Id, Device, Now));

        Assert.Equal(
            new BsonDocument
            {
                { "_id", Binary(Device) },
                { "retainUntil", new BsonDocument("$gt", new BsonDateTime(Now.UtcDateTime)) },
            },
            rendered);
    }

    [Fact]
    public void Finding_by_user_code_filters_on_the_user_code_digest_and_retention()
    {
        var rendered = Render(StoreQueries.Retained<DeviceAuthorizationDocument>(ElementNames.UserCode, User, Now));

        Assert.Equal(
            new BsonDocument
            {
                { "userCode", Binary(User) },
                { "retainUntil", new BsonDocument("$gt", new BsonDateTime(Now.UtcDateTime)) },
            },
            rendered);
    }

    [Fact]
    public void A_stale_holder_of_the_user_code_is_deleted_only_past_its_retention()
    {
        var rendered = Render(StoreQueries.StaleUserCodeHolder<DeviceAuthorizationDocument>(User, Now));

        Assert.Equal(
            new BsonDocument
            {
                { "userCode", Binary(User) },
                { "retainUntil", new BsonDocument("$lte", new BsonDateTime(Now.UtcDateTime)) },
            },
            rendered);
    }

    [Fact]
    public void Pruning_device_authorizations_goes_by_retention()
    {
        var ids = new BsonValue[] { Binary(Device) };

        Assert.Equal(
            new BsonDocument("retainUntil", new BsonDocument("$lte", new BsonDateTime(Now.UtcDateTime))),
            Render(StoreQueries.Expired<DeviceAuthorizationDocument>(Now, ElementNames.RetainUntil)));
        Assert.Equal(
            new BsonDocument
            {
                { "_id", new BsonDocument("$in", new BsonArray(ids)) },
                { "retainUntil", new BsonDocument("$lte", new BsonDateTime(Now.UtcDateTime)) },
            },
            Render(StoreQueries.ExpiredAmong<DeviceAuthorizationDocument>(ids, Now, ElementNames.RetainUntil)));
    }

    [Fact]
    public void Device_authorizations_get_a_unique_user_code_index_and_a_retention_ttl_index()
    {
        var models = StoreIndexes.ForDeviceAuthorizations<DeviceAuthorizationDocument>();

        Assert.Collection(
            models,
            userCode =>
            {
                Assert.Equal(new BsonDocument("userCode", 1), userCode.Keys.Render(Args<DeviceAuthorizationDocument>()));
                Assert.Equal("userCode_unique", userCode.Options.Name);
                Assert.True(userCode.Options.Unique);
                Assert.Null(userCode.Options.ExpireAfter);
            },
            ttl =>
            {
                Assert.Equal(new BsonDocument("retainUntil", 1), ttl.Keys.Render(Args<DeviceAuthorizationDocument>()));
                Assert.Equal("retainUntil_ttl", ttl.Options.Name);
                Assert.Equal(TimeSpan.Zero, ttl.Options.ExpireAfter);
                Assert.NotEqual(true, ttl.Options.Unique);
            });
    }

    private static BsonBinaryData Binary(TokenDigest digest) => new(digest.ToArray(), BsonBinarySubType.Binary);

    private static BsonDocument Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>());

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);
}
