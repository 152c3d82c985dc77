using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Queries;

namespace OAuth2.Storage.Mongo.Tests.Queries;

/// <summary>The failed-attempt update pipeline, filters and indexes, rendered by the driver as they go on the wire. No server needed.</summary>
public sealed class FailedAttemptQueryRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 4, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Now.AddMinutes(15);

    [Fact]
    public void Recording_is_one_set_stage_whose_three_fields_agree_on_whether_the_window_is_still_open()
    {
        var rendered = StoreQueries.RecordFailure(Now, End, 900_000).Render(Args()).AsBsonArray;

        var open = new BsonDocument("$gt", new BsonArray { "$windowEndsAt", new BsonDateTime(Now.UtcDateTime) });
        Assert.Equal(
            new BsonArray
            {
                new BsonDocument("$set", new BsonDocument
                {
                    { "count", new BsonDocument("$cond", new BsonArray { open, new BsonDocument("$add", new BsonArray { "$count", new BsonInt64(1) }), new BsonInt64(1) }) },
                    { "windowEndsAt", new BsonDocument("$cond", new BsonArray { open, "$windowEndsAt", new BsonDateTime(End.UtcDateTime) }) },
                    { "expireAt", new BsonDocument("$cond", new BsonArray { open, "$expireAt", new BsonDocument("$add", new BsonArray { "$$NOW", new BsonInt64(900_000) }) }) },
                }),
            },
            rendered);
    }

    [Fact]
    public void Reading_matches_the_key_whole_and_only_a_window_that_ends_after_now()
    {
        var key = "client:{a}.*$x";

        Assert.Equal(
            new BsonDocument
            {
                { "_id", key },
                { "windowEndsAt", new BsonDocument("$gt", new BsonDateTime(Now.UtcDateTime)) },
            },
            StoreQueries.CurrentWindow(key, Now).Render(Args()));
        Assert.Equal(new BsonDocument("_id", key), StoreQueries.ById<BsonDocument>(new BsonString(key)).Render(Args()));
    }

    [Fact]
    public void Pruning_failed_attempts_goes_by_the_window_end()
    {
        Assert.Equal(
            new BsonDocument("windowEndsAt", new BsonDocument("$lte", new BsonDateTime(Now.UtcDateTime))),
            StoreQueries.Expired<BsonDocument>(Now, "windowEndsAt").Render(Args()));
    }

    [Fact]
    public void Failed_attempts_get_a_ttl_index_on_the_servers_expiry_and_an_index_on_the_window_end()
    {
        Assert.Collection(
            StoreIndexes.ForFailedAttempts<BsonDocument>(),
            ttl =>
            {
                Assert.Equal(new BsonDocument("expireAt", 1), ttl.Keys.Render(Args()));
                Assert.Equal("expireAt_ttl", ttl.Options.Name);
                Assert.Equal(TimeSpan.Zero, ttl.Options.ExpireAfter);
            },
            end =>
            {
                Assert.Equal(new BsonDocument("windowEndsAt", 1), end.Keys.Render(Args()));
                Assert.Null(end.Options.ExpireAfter);
                Assert.NotEqual(true, end.Options.Unique);
            });
    }

    private static RenderArgs<BsonDocument> Args() => new(BsonSerializer.LookupSerializer<BsonDocument>(), BsonSerializer.SerializerRegistry);
}
