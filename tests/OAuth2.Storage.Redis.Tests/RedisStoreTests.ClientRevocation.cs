using Microsoft.Extensions.Time.Testing;
using OAuth2.Storage.Redis.Tests.Infrastructure;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The client index behind <see cref="RedisOAuth2Store.RevokeTokensOfClientAsync"/>: bounded, expiring, batched.</summary>
public abstract partial class RedisStoreTests<TFixture>
{
    [Fact]
    public async Task The_client_index_drops_expired_members_on_write_and_lives_as_long_as_its_longest_member()
    {
        var clock = new FakeTimeProvider(Samples.Now());
        var store = Fixture.CreateStore(timeProvider: clock);
        var client = "client-" + Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Access(client, clock.GetUtcNow(), TimeSpan.FromMinutes(1)), null, null, Ct);
        }

        var index = (RedisKey)(store.Options.KeyPrefix + "ct:{" + client + "}");
        Assert.Equal(5, await Db.SortedSetLengthAsync(index));

        // Two minutes on, the five have expired: the next save leaves only itself (and its refresh token) listed.
        clock.Advance(TimeSpan.FromMinutes(2));
        var now = clock.GetUtcNow();
        var access = Access(client, now, TimeSpan.FromMinutes(10));
        await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), access, TokenDigest.Compute(Samples.NewValue()), Samples.Refresh(access.GrantId, now, TimeSpan.FromHours(3)) with { ClientId = client }, Ct);

        Assert.Equal(2, await Db.SortedSetLengthAsync(index));
        AssertPttl(TimeSpan.FromHours(3), await PttlAsync((string)index!));
    }

    [Fact]
    public async Task A_never_expiring_refresh_token_keeps_the_client_index_without_a_ttl()
    {
        var store = Fixture.CreateStore();
        var client = "client-" + Guid.NewGuid();
        var now = Samples.Now();
        var access = Access(client, now, TimeSpan.FromMinutes(1));
        var refresh = TokenDigest.Compute(Samples.NewValue());
        await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), access, refresh, Samples.Refresh(access.GrantId, now, null) with { ClientId = client }, Ct);

        Assert.Equal(-1, await PttlAsync(store.Options.KeyPrefix + "ct:{" + client + "}"));
        Assert.Equal(2, await store.RevokeTokensOfClientAsync(client, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(refresh, Ct));
    }

    [Fact]
    public async Task Revoking_a_client_with_more_tokens_than_one_batch_removes_them_all_and_the_index()
    {
        var store = Fixture.CreateStore();
        var client = "client-" + Guid.NewGuid();
        var other = "client-" + Guid.NewGuid();
        var now = Samples.Now();
        var saves = new List<Task>();
        var digests = new List<TokenDigest>();
        for (var i = 0; i < 1100; i++)
        {
            var digest = TokenDigest.Compute(Samples.NewValue());
            digests.Add(digest);
            saves.Add(store.SaveTokensAsync(digest, Access(client, now, TimeSpan.FromMinutes(5)), null, null, Ct).AsTask());
        }

        var kept = TokenDigest.Compute(Samples.NewValue());
        saves.Add(store.SaveTokensAsync(kept, Access(other, now, TimeSpan.FromMinutes(5)), null, null, Ct).AsTask());
        await Task.WhenAll(saves);

        Assert.Equal(1100, await store.RevokeTokensOfClientAsync(client, Ct));

        Assert.False(await Db.KeyExistsAsync(store.Options.KeyPrefix + "ct:{" + client + "}"));
        foreach (var digest in digests.Where((_, i) => i % 100 == 0))
        {
            Assert.Null(await store.FindAccessTokenAsync(digest, Ct));
        }

        Assert.NotNull(await store.FindAccessTokenAsync(kept, Ct));
        Assert.Equal(0, await store.RevokeTokensOfClientAsync(client, Ct));
    }

    private static AccessToken Access(string clientId, DateTimeOffset now, TimeSpan lifetime) =>
        Samples.Access(Guid.NewGuid().ToString(), now, lifetime) with { ClientId = clientId };
}
