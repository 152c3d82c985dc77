using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo.Tests.Documents;

/// <summary>
/// Device authorizations through the driver's own serializer and the explicit class map: element names, BSON types,
/// only digests for the codes, and back to the record unchanged (times at millisecond precision). No server needed.
/// </summary>
public sealed class DeviceDocumentShapeTests
{
    private static readonly TokenDigest DeviceDigest = Samples.Digest("device-code");
    private static readonly TokenDigest UserDigest = Samples.Digest("WDJBMJHT");

    public DeviceDocumentShapeTests() => DocumentClassMaps.EnsureRegistered();

    [Fact]
    public void Device_authorization_has_the_documented_shape()
    {
        var bson = DocumentMapper.ToDocument(DeviceDigest, UserDigest, Samples.Device).ToBsonDocument();

        Assert.Equal(
            ["_id", "userCode", "clientId", "scope", "issuedAt", "expiresAt", "retainUntil", "grantId", "pollingIntervalSeconds", "status", "user", "lastPolledAt", "redeemedAt", "revision", "resources"],
            bson.Names);
        AssertDigest(bson["_id"], DeviceDigest);
        AssertDigest(bson["userCode"], UserDigest);
        Assert.Equal(new BsonString("Client-Ä"), bson["clientId"]);
        Assert.Equal(new BsonArray { "z-last", "openid", "a-first", "$not-a-path" }, bson["scope"]);
        AssertDate(bson["issuedAt"], Samples.Device.IssuedAt);
        AssertDate(bson["expiresAt"], Samples.Device.ExpiresAt);
        AssertDate(bson["retainUntil"], Samples.Device.RetainUntil);
        Assert.Equal(new BsonString("grant-d"), bson["grantId"]);
        Assert.Equal(new BsonInt32(15), bson["pollingIntervalSeconds"]);
        Assert.Equal(new BsonString("approved"), bson["status"]);
        var user = Assert.IsType<BsonDocument>(bson["user"]);
        Assert.Equal(["id", "properties"], user.Names);
        Assert.Equal(new BsonString("user-ü-1"), user["id"]);
        Assert.Contains(new BsonDocument { { "k", "$where" }, { "v", "dollar key" } }, user["properties"].AsBsonArray);
        AssertDate(bson["lastPolledAt"], Samples.Device.LastPolledAt!.Value);
        AssertDate(bson["redeemedAt"], Samples.Device.RedeemedAt!.Value);
        Assert.Equal(new BsonInt64(4_000_000_000L), bson["revision"]);
    }

    [Fact]
    public void A_pending_authorization_stores_nulls_for_what_is_not_there_yet()
    {
        var bson = DocumentMapper.ToDocument(DeviceDigest, UserDigest, Samples.PendingDevice).ToBsonDocument();

        Assert.Equal(new BsonString("pending"), bson["status"]);
        Assert.Equal(BsonNull.Value, bson["user"]);
        Assert.Equal(BsonNull.Value, bson["lastPolledAt"]);
        Assert.Equal(BsonNull.Value, bson["redeemedAt"]);
        Assert.Equal(new BsonArray(), bson["scope"]);
        Assert.Equal(new BsonInt64(0), bson["revision"]);
    }

    [Fact]
    public void Every_status_is_stored_by_name_not_by_enum_value()
    {
        Assert.All(Enum.GetValues<DeviceAuthorizationStatus>(), status =>
        {
            var bson = DocumentMapper.ToDocument(DeviceDigest, UserDigest, Samples.PendingDevice with { Status = status }).ToBsonDocument();

            Assert.Equal(status.ToString().ToLowerInvariant(), bson["status"].AsString);
            Assert.Equal(status, DocumentMapper.ToDeviceAuthorization(BsonSerializer.Deserialize<DeviceAuthorizationDocument>(bson)).Status);
        });
    }

    [Fact]
    public void An_unknown_status_is_refused_both_ways()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => DocumentMapper.ToDocument(DeviceDigest, UserDigest, Samples.PendingDevice with { Status = (DeviceAuthorizationStatus)7 }));
        var bson = DocumentMapper.ToDocument(DeviceDigest, UserDigest, Samples.PendingDevice).ToBsonDocument();
        bson["status"] = "Approved";

        Assert.Throws<FormatException>(
            () => DocumentMapper.ToDeviceAuthorization(BsonSerializer.Deserialize<DeviceAuthorizationDocument>(bson)));
    }

    [Fact]
    public void A_rich_device_authorization_round_trips_through_the_class_map()
    {
        var original = Samples.Device;
        var bytes = DocumentMapper.ToDocument(DeviceDigest, UserDigest, original).ToBson();

        var document = BsonSerializer.Deserialize<DeviceAuthorizationDocument>(bytes);
        var back = DocumentMapper.ToDeviceAuthorization(document);

        Assert.Equal(DeviceDigest.ToArray(), document.Id);
        Assert.Equal(UserDigest.ToArray(), document.UserCode);
        Assert.Equal(original.ClientId, back.ClientId);
        Assert.Equal(original.Scope, back.Scope);
        Assert.Equal(Samples.Ms(original.IssuedAt), back.IssuedAt);
        Assert.Equal(Samples.Ms(original.ExpiresAt), back.ExpiresAt);
        Assert.Equal(Samples.Ms(original.RetainUntil), back.RetainUntil);
        Assert.Equal(TimeSpan.Zero, back.ExpiresAt.Offset);
        Assert.Equal(original.GrantId, back.GrantId);
        Assert.Equal(original.PollingIntervalSeconds, back.PollingIntervalSeconds);
        Assert.Equal(original.Status, back.Status);
        Assert.Equal(original.User!.Id, back.User!.Id);
        Assert.Equal(
            original.User.Properties.OrderBy(p => p.Key, StringComparer.Ordinal),
            back.User.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(Samples.Ms(original.LastPolledAt!.Value), back.LastPolledAt);
        Assert.Equal(Samples.Ms(original.RedeemedAt!.Value), back.RedeemedAt);
        Assert.Equal(original.Revision, back.Revision);
    }

    [Fact]
    public void A_pending_authorization_round_trips_without_its_optionals()
    {
        var original = Samples.PendingDevice;
        var bson = DocumentMapper.ToDocument(DeviceDigest, UserDigest, original).ToBsonDocument();

        var back = DocumentMapper.ToDeviceAuthorization(BsonSerializer.Deserialize<DeviceAuthorizationDocument>(bson));

        Assert.Equal(original with { Scope = back.Scope, Resources = back.Resources }, back);
        Assert.Empty(back.Resources);
        Assert.Empty(back.Scope);
        Assert.Null(back.User);
        Assert.Null(back.LastPolledAt);
        Assert.Null(back.RedeemedAt);
    }

    [Fact]
    public void The_codes_are_stored_only_as_their_digests()
    {
        var bytes = DocumentMapper.ToDocument(DeviceDigest, UserDigest, Samples.Device).ToBson();
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.DoesNotContain("device-code", text, StringComparison.Ordinal);
        Assert.DoesNotContain("WDJBMJHT", text, StringComparison.Ordinal);
        Assert.True(bytes.AsSpan().IndexOf(UserDigest.Bytes) >= 0);
    }

    [Fact]
    public void The_registered_class_map_is_the_explicit_one()
    {
        Assert.Same(DocumentClassMaps.DeviceAuthorization, BsonClassMap.LookupClassMap(typeof(DeviceAuthorizationDocument)));
        Assert.True(DocumentClassMaps.DeviceAuthorization.IsFrozen);
    }

    private static void AssertDigest(BsonValue value, TokenDigest digest)
    {
        var binary = Assert.IsType<BsonBinaryData>(value);
        Assert.Equal(BsonBinarySubType.Binary, binary.SubType);
        Assert.Equal(digest.ToArray(), binary.Bytes);
    }

    private static void AssertDate(BsonValue value, DateTimeOffset expected)
    {
        var date = Assert.IsType<BsonDateTime>(value);
        Assert.Equal(expected.ToUnixTimeMilliseconds(), date.MillisecondsSinceEpoch);
    }
}
