using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Documents;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo.Tests.Queries;

/// <summary>What the store sends, rendered by the driver exactly as it goes on the wire. No server needed.</summary>
public sealed class QueryRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 4, 0, 0, 123, TimeSpan.Zero);
    private static readonly TokenDigest Digest = TokenDigest.Compute("token");

    public QueryRenderingTests() => DocumentClassMaps.EnsureRegistered();

    [Fact]
    public void Finding_a_code_filters_out_expired_ones()
    {
        var rendered = Render(StoreQueries.Live<AuthorizationCodeDocument>(Digest, Now, mayNeverExpire: false));

        Assert.Equal(
            new BsonDocument
            {
                { "_id", new BsonBinaryData(Digest.ToArray(), BsonBinarySubType.Binary) },
                { "expiresAt", new BsonDocument("$gt", new BsonDateTime(Now.UtcDateTime)) },
            },
            rendered);
    }

    [Fact]
    public void Finding_a_refresh_token_also_accepts_one_that_never_expires()
    {
        var rendered = Render(StoreQueries.Live<RefreshTokenDocument>(Digest, Now, mayNeverExpire: true));

        Assert.Equal(
            new BsonDocument
            {
                { "_id", new BsonBinaryData(Digest.ToArray(), BsonBinarySubType.Binary) },
                {
                    "$or", new BsonArray
                    {
                        new BsonDocument("expiresAt", BsonNull.Value),
                        new BsonDocument("expiresAt", new BsonDocument("$gt", new BsonDateTime(Now.UtcDateTime))),
                    }
                },
            },
            rendered);
    }

    [Fact]
    public void The_filter_time_is_utc_milliseconds_whatever_the_offset()
    {
        var local = new DateTimeOffset(2026, 11, 29, 6, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        var rendered = Render(StoreQueries.Expired<AccessTokenDocument>(local));

        var date = rendered["expiresAt"]["$lte"].AsBsonDateTime;
        Assert.Equal(Now.ToUnixTimeMilliseconds(), date.MillisecondsSinceEpoch);
    }

    [Fact]
    public void Redeeming_keeps_an_earlier_redemption_in_one_update_pipeline()
    {
        var redeemedAt = Now.AddSeconds(1);

        var rendered = StoreQueries.Redeem<AuthorizationCodeDocument>(redeemedAt).Render(Args<AuthorizationCodeDocument>());

        Assert.Equal(
            new BsonArray
            {
                new BsonDocument(
                    "$set",
                    new BsonDocument(
                        "redeemedAt",
                        new BsonDocument("$ifNull", new BsonArray { "$redeemedAt", new BsonDateTime(redeemedAt.UtcDateTime) }))),
            },
            rendered);
    }

    [Fact]
    public void Revoking_a_family_filters_by_grant_id()
    {
        Assert.Equal(new BsonDocument("grantId", "grant-1"), Render(StoreQueries.ByGrant<RefreshTokenDocument>("grant-1")));
    }

    [Fact]
    public void Revoking_a_client_filters_both_token_collections_by_client_id_exactly()
    {
        Assert.Equal(new BsonDocument("clientId", "Client-1"), Render(StoreQueries.ByClient<AccessTokenDocument>("Client-1")));
        Assert.Equal(new BsonDocument("clientId", "Client-1"), Render(StoreQueries.ByClient<RefreshTokenDocument>("Client-1")));
    }

    [Fact]
    public void Token_collections_get_a_client_id_index()
    {
        var index = Assert.Single(StoreIndexes.ForTokenClients<AccessTokenDocument>());

        Assert.Equal(new BsonDocument("clientId", 1), index.Keys.Render(Args<AccessTokenDocument>()));
        Assert.Equal("clientId", index.Options.Name);
        Assert.Null(index.Options.ExpireAfter);
        Assert.NotEqual(true, index.Options.Unique);
    }

    [Fact]
    public void Clients_are_found_by_their_exact_id()
    {
        Assert.Equal(new BsonDocument("_id", "AbC"), Render(StoreQueries.ById<ClientDocument>("AbC")));
    }

    [Fact]
    public void Pruning_deletes_a_batch_by_id_and_checks_the_expiry_again()
    {
        var ids = new BsonValue[] { new BsonBinaryData(new byte[32]), new BsonBinaryData(Digest.ToArray()) };

        var rendered = Render(StoreQueries.ExpiredAmong<AccessTokenDocument>(ids, Now));

        Assert.Equal(
            new BsonDocument
            {
                { "_id", new BsonDocument("$in", new BsonArray(ids)) },
                { "expiresAt", new BsonDocument("$lte", new BsonDateTime(Now.UtcDateTime)) },
            },
            rendered);
    }

    [Fact]
    public void Pruning_finds_expired_ids_only()
    {
        var projection = StoreQueries.IdOnly<AccessTokenDocument>().Render(Args<AccessTokenDocument>());

        Assert.Equal(new BsonDocument("_id", 1), projection.Document);
        Assert.Equal(
            new BsonDocument("expiresAt", new BsonDocument("$lte", new BsonDateTime(Now.UtcDateTime))),
            Render(StoreQueries.Expired<AccessTokenDocument>(Now)));
    }

    [Fact]
    public void Expiring_collections_get_a_ttl_index_and_a_grant_index()
    {
        var models = StoreIndexes.ForExpiringCollection<RefreshTokenDocument>();

        Assert.Collection(
            models,
            ttl =>
            {
                Assert.Equal(new BsonDocument("expiresAt", 1), ttl.Keys.Render(Args<RefreshTokenDocument>()));
                Assert.Equal("expiresAt_ttl", ttl.Options.Name);
                Assert.Equal(TimeSpan.Zero, ttl.Options.ExpireAfter);
            },
            grant =>
            {
                Assert.Equal(new BsonDocument("grantId", 1), grant.Keys.Render(Args<RefreshTokenDocument>()));
                Assert.Equal("grantId", grant.Options.Name);
                Assert.Null(grant.Options.ExpireAfter);
                Assert.NotEqual(true, grant.Options.Unique);
            });
    }

    private static BsonDocument Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>());

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);
}
