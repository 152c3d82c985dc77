using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo.Tests.Server;

/// <summary>
/// MongoDB-specific behaviour against the real server of <c>OAUTH2_MONGO_URL</c> (skipped without one): the indexes
/// that exist, the stored shape, the atomic redeem, the compensating delete and pruning.
/// </summary>
public sealed class MongoServerTests(MongoFixture fixture) : IClassFixture<MongoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ensuring_indexes_creates_ttl_and_grant_indexes_and_can_run_again()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);

        await store.EnsureIndexesAsync(Ct);

        foreach (var name in new[] { "oauth2_access_tokens", "oauth2_refresh_tokens", "oauth2_authorization_codes" })
        {
            var indexes = await (await store.Database.GetCollection<BsonDocument>(name).Indexes.ListAsync(Ct)).ToListAsync(Ct);
            var ttl = Assert.Single(indexes, i => i["name"] == "expiresAt_ttl");
            Assert.Equal(new BsonDocument("expiresAt", 1), ttl["key"].AsBsonDocument);
            Assert.Equal(0, ttl["expireAfterSeconds"].ToInt64());
            var grant = Assert.Single(indexes, i => i["name"] == "grantId");
            Assert.Equal(new BsonDocument("grantId", 1), grant["key"].AsBsonDocument);
            var isToken = name != "oauth2_authorization_codes";
            if (isToken)
            {
                var client = Assert.Single(indexes, i => i["name"] == "clientId");
                Assert.Equal(new BsonDocument("clientId", 1), client["key"].AsBsonDocument);
            }

            Assert.Equal(isToken ? 4 : 3, indexes.Count); // with _id_ (and clientId on the token collections)
        }
    }

    [Fact]
    public async Task A_saved_token_is_stored_under_its_digest_with_utc_dates()
    {
        var store = await fixture.CreateMongoStoreAsync(new MongoStoreOptions { CollectionPrefix = "p_" }, null, Ct);
        var token = Samples.AccessToken with { ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) };

        await store.SaveTokensAsync(Samples.Digest("at"), token, null, null, Ct);

        var raw = await store.Database.GetCollection<BsonDocument>("p_access_tokens").Find(FilterDefinition<BsonDocument>.Empty).SingleAsync(Ct);
        var id = raw["_id"].AsBsonBinaryData;
        Assert.Equal(BsonBinarySubType.Binary, id.SubType);
        Assert.Equal(Samples.Digest("at").ToArray(), id.Bytes);
        Assert.Equal(BsonType.DateTime, raw["expiresAt"].BsonType);
        Assert.Equal(token.ExpiresAt.ToUnixTimeMilliseconds(), raw["expiresAt"].AsBsonDateTime.MillisecondsSinceEpoch);
        Assert.Equal("grant-1", raw["grantId"].AsString);
    }

    [Fact]
    public async Task Client_ids_differing_only_in_case_are_different_documents()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);

        await store.SaveClientAsync(Samples.Client with { Id = "abc", SecretHash = "lower" }, Ct);
        await store.SaveClientAsync(Samples.Client with { Id = "ABC", SecretHash = "upper" }, Ct);

        Assert.Equal("lower", (await store.FindClientAsync("abc", Ct))?.SecretHash);
        Assert.Equal("upper", (await store.FindClientAsync("ABC", Ct))?.SecretHash);
        Assert.Null(await store.FindClientAsync("Abc", Ct));
    }

    [Fact]
    public async Task Exactly_one_of_many_concurrent_redeemers_wins()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);
        var code = Samples.Code with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5) };
        await store.SaveAuthorizationCodeAsync(Samples.Digest("code"), code, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            store.RedeemAuthorizationCodeAsync(Samples.Digest("code"), DateTimeOffset.UtcNow.AddMilliseconds(i), Ct).AsTask()));

        var winner = Assert.Single(results, r => r.Status == RedemptionStatus.Redeemed);
        Assert.All(results.Where(r => !r.Won), r =>
        {
            Assert.Equal(RedemptionStatus.AlreadyRedeemed, r.Status);
            Assert.Equal("grant-1", r.GrantId);
            Assert.Equal(winner.RedeemedAt, r.RedeemedAt);
        });
        Assert.Equal(winner.RedeemedAt, (await store.FindAuthorizationCodeAsync(Samples.Digest("code"), Ct))?.RedeemedAt);
    }

    [Fact]
    public async Task An_expired_item_still_awaiting_the_ttl_monitor_is_neither_found_nor_redeemed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        var refresh = Samples.RefreshToken with { ExpiresAt = time.GetUtcNow().AddMinutes(1), RedeemedAt = null };
        await store.SaveTokensAsync(Samples.Digest("at"), Samples.AccessToken with { ExpiresAt = time.GetUtcNow().AddMinutes(1) }, Samples.Digest("rt"), refresh, Ct);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(await store.FindAccessTokenAsync(Samples.Digest("at"), Ct));
        Assert.Null(await store.FindRefreshTokenAsync(Samples.Digest("rt"), Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(Samples.Digest("rt"), time.GetUtcNow(), Ct)).Status);
        Assert.False(await store.RemoveAccessTokenAsync(Samples.Digest("at"), Ct));
    }

    [Fact]
    public async Task A_refresh_token_that_never_expires_is_found_and_redeemed()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);
        var refresh = Samples.RefreshToken with { ExpiresAt = null, RedeemedAt = null };
        await store.SaveTokensAsync(Samples.Digest("at"), Samples.AccessToken with { ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) }, Samples.Digest("rt"), refresh, Ct);

        Assert.NotNull(await store.FindRefreshTokenAsync(Samples.Digest("rt"), Ct));
        Assert.True((await store.RedeemRefreshTokenAsync(Samples.Digest("rt"), DateTimeOffset.UtcNow, Ct)).Won);
        Assert.Equal(RedemptionStatus.AlreadyRedeemed, (await store.RedeemRefreshTokenAsync(Samples.Digest("rt"), DateTimeOffset.UtcNow, Ct)).Status);
    }

    [Fact]
    public async Task When_the_refresh_token_cannot_be_written_the_access_token_is_taken_back()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var refresh = Samples.RefreshToken with { ExpiresAt = expires, RedeemedAt = null };
        await store.SaveTokensAsync(Samples.Digest("at-1"), Samples.AccessToken with { ExpiresAt = expires }, Samples.Digest("rt"), refresh, Ct);

        // Same refresh digest again: the second insert fails after the first succeeded.
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await store.SaveTokensAsync(Samples.Digest("at-2"), Samples.AccessToken with { ExpiresAt = expires }, Samples.Digest("rt"), refresh, Ct));

        Assert.Null(await store.FindAccessTokenAsync(Samples.Digest("at-2"), Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(Samples.Digest("at-1"), Ct));
    }

    [Fact]
    public async Task Pruning_removes_expired_items_in_batches_and_keeps_live_ones()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = await fixture.CreateMongoStoreAsync(null, time, Ct);
        var now = time.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            await store.SaveTokensAsync(
                Samples.Digest($"old-at-{i}"), Samples.AccessToken with { ExpiresAt = now.AddSeconds(10) },
                Samples.Digest($"old-rt-{i}"), Samples.RefreshToken with { ExpiresAt = now.AddSeconds(10), RedeemedAt = null }, Ct);
        }

        await store.SaveTokensAsync(
            Samples.Digest("live-at"), Samples.AccessToken with { ExpiresAt = now.AddHours(1) },
            Samples.Digest("forever-rt"), Samples.RefreshToken with { ExpiresAt = null, RedeemedAt = null }, Ct);
        await store.SaveAuthorizationCodeAsync(Samples.Digest("old-code"), Samples.Code with { ExpiresAt = now.AddSeconds(10) }, Ct);
        time.Advance(TimeSpan.FromMinutes(1));

        var removed = await store.PruneExpiredAsync(3, Ct);

        Assert.Equal(15, removed);
        Assert.Equal(1, await store.AccessTokens.CountDocumentsAsync(FilterDefinition<Mongo.Documents.AccessTokenDocument>.Empty, cancellationToken: Ct));
        Assert.Equal(1, await store.RefreshTokens.CountDocumentsAsync(FilterDefinition<Mongo.Documents.RefreshTokenDocument>.Empty, cancellationToken: Ct));
        Assert.Equal(0, await store.AuthorizationCodes.CountDocumentsAsync(FilterDefinition<Mongo.Documents.AuthorizationCodeDocument>.Empty, cancellationToken: Ct));
        Assert.Equal(0, await store.PruneExpiredAsync(3, Ct));
    }

    [Fact]
    public async Task Revoking_a_family_removes_its_tokens_and_no_other()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        await store.SaveTokensAsync(
            Samples.Digest("a1"), Samples.AccessToken with { ExpiresAt = expires, GrantId = "g1" },
            Samples.Digest("r1"), Samples.RefreshToken with { ExpiresAt = expires, GrantId = "g1" }, Ct);
        await store.SaveTokensAsync(Samples.Digest("a2"), Samples.AccessToken with { ExpiresAt = expires, GrantId = "g1" }, null, null, Ct);
        await store.SaveTokensAsync(Samples.Digest("a3"), Samples.AccessToken with { ExpiresAt = expires, GrantId = "g2" }, null, null, Ct);

        Assert.Equal(3, await store.RevokeTokensOfGrantAsync("g1", Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(Samples.Digest("a3"), Ct));
        Assert.Null(await store.FindRefreshTokenAsync(Samples.Digest("r1"), Ct));
    }

    [Fact]
    public async Task Revoking_a_client_removes_its_tokens_of_every_grant_and_no_other_clients()
    {
        var store = await fixture.CreateMongoStoreAsync(null, null, Ct);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        await store.SaveTokensAsync(
            Samples.Digest("a1"), Samples.AccessToken with { ExpiresAt = expires, GrantId = "g1", ClientId = "c1" },
            Samples.Digest("r1"), Samples.RefreshToken with { ExpiresAt = expires, GrantId = "g1", ClientId = "c1" }, Ct);
        await store.SaveTokensAsync(Samples.Digest("a2"), Samples.AccessToken with { ExpiresAt = expires, GrantId = "g2", ClientId = "c1" }, null, null, Ct);
        await store.SaveTokensAsync(Samples.Digest("a3"), Samples.AccessToken with { ExpiresAt = expires, GrantId = "g1", ClientId = "C1" }, null, null, Ct);

        Assert.Equal(3, await store.RevokeTokensOfClientAsync("c1", Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(Samples.Digest("a3"), Ct));
        Assert.Null(await store.FindRefreshTokenAsync(Samples.Digest("r1"), Ct));
        Assert.Equal(0, await store.RevokeTokensOfClientAsync("c1", Ct));
    }
}
