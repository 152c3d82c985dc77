using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using OAuth2.Storage.Mongo.Queries;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo.Tests.Queries;

/// <summary>The pushed authorization (RFC 9126) document, filters and update as they go on the wire. No server needed.</summary>
public sealed class PushedAuthorizationQueryRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 4, 0, 0, 123, TimeSpan.Zero);
    private static readonly TokenDigest Digest = TokenDigest.Compute("urn:ietf:params:oauth:request_uri:abc");

    [Fact]
    public void Consuming_matches_only_a_document_without_a_consumption_mark_and_sets_one()
    {
        Assert.Equal(
            new BsonDocument { { "_id", new BsonBinaryData(Digest.ToArray(), BsonBinarySubType.Binary) }, { "consumedAt", new BsonDocument("$exists", false) } },
            StoreQueries.UnconsumedPushedAuthorization(Digest).Render(Args()));
        Assert.Equal(
            new BsonDocument("$set", new BsonDocument("consumedAt", Now.ToUnixTimeMilliseconds())),
            StoreQueries.ConsumePushedAuthorization(Now).Render(Args()).AsBsonDocument);
    }

    [Fact]
    public void Parameters_are_stored_as_pairs_so_names_with_dots_and_dollars_round_trip()
    {
        var request = new PushedAuthorization
        {
            ClientId = "c",
            Parameters = new Dictionary<string, string> { ["a.b"] = "1", ["$x"] = "2", ["state"] = "s" },
            IssuedAt = Now,
            ExpiresAt = Now.AddSeconds(60),
        };

        var document = StoreQueries.PushedAuthorization(Digest, request);
        var back = StoreQueries.ToPushedAuthorization(document);

        Assert.Equal(new BsonDateTime(Now.AddSeconds(60).UtcDateTime), document["expireAt"]);
        Assert.Equal(request.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal), back.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(request.ExpiresAt, back.ExpiresAt);
        Assert.Null(back.ConsumedAt);
    }

    private static RenderArgs<BsonDocument> Args() =>
        new(BsonSerializer.LookupSerializer<BsonDocument>(), BsonSerializer.SerializerRegistry);
}
