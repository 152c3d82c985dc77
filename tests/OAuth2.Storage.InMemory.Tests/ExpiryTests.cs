using OAuth2.Tokens;
using static OAuth2.Storage.InMemory.Tests.StoreBuilder;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>Expiry against a fake clock: the exact boundary, lazy eviction, pruning and index clean-up.</summary>
public sealed class ExpiryTests
{
    [Fact]
    public async Task AnItemExpiresAtTheInstantOfItsExpiry()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var digest = Digest();
        var code = Digest();
        await store.SaveTokensAsync(digest, Access("g", Start.AddMinutes(10)), null, null, Ct);
        await store.SaveAuthorizationCodeAsync(code, StoreBuilder.Code("g", Start.AddMinutes(10)), Ct);

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.NotNull(await store.FindAccessTokenAsync(digest, Ct));
        Assert.NotNull(await store.FindAuthorizationCodeAsync(code, Ct));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await store.FindAccessTokenAsync(digest, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(code, clock.GetUtcNow(), Ct)).Status);
    }

    [Fact]
    public async Task ARefreshTokenWithoutExpiryOutlivesEverything()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var digest = Digest();
        await store.SaveTokensAsync(Digest(), Access("g", Start.AddMinutes(1)), digest, Refresh("g", null), Ct);

        clock.Advance(TimeSpan.FromDays(365 * 100));

        Assert.NotNull(await store.FindRefreshTokenAsync(digest, Ct));
        Assert.Equal(1, await store.PruneExpiredAsync(10, Ct));
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(digest, clock.GetUtcNow(), Ct)).Status);
    }

    [Fact]
    public async Task PruneRemovesExpiredItemsOfEveryKindAndForgetsTheirGrants()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var expiringGrant = Id("expiring-grant");
        var liveGrant = Id("live-grant");
        for (var i = 0; i < 5; i++)
        {
            await store.SaveTokensAsync(Digest(), Access(expiringGrant, Start.AddMinutes(5)), Digest(), Refresh(expiringGrant, Start.AddMinutes(5)), Ct);
            await store.SaveAuthorizationCodeAsync(Digest(), StoreBuilder.Code(expiringGrant, Start.AddMinutes(5)), Ct);
        }

        var liveAccess = Digest();
        var liveCode = Digest();
        await store.SaveTokensAsync(liveAccess, Access(liveGrant, Start.AddHours(1)), null, null, Ct);
        await store.SaveAuthorizationCodeAsync(liveCode, StoreBuilder.Code(liveGrant, Start.AddHours(1)), Ct);
        Assert.Contains(expiringGrant, ObjectGraphDump.Of(store), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(5));
        var removed = await store.PruneExpiredAsync(2, Ct);

        Assert.Equal(15, removed);
        Assert.Equal(0, await store.PruneExpiredAsync(2, Ct));
        var dump = ObjectGraphDump.Of(store);
        Assert.DoesNotContain(expiringGrant, dump, StringComparison.Ordinal);
        Assert.Contains(liveGrant, dump, StringComparison.Ordinal);
        Assert.NotNull(await store.FindAccessTokenAsync(liveAccess, Ct));
        Assert.Equal(1, await store.RevokeCodesOfGrantAsync(liveGrant, Ct));
    }

    [Fact]
    public async Task AFindOfAnExpiredItemEvictsIt()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var grantId = Id("grant");
        var digest = Digest();
        await store.SaveTokensAsync(digest, Access(grantId, Start.AddMinutes(1)), null, null, Ct);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await store.FindAccessTokenAsync(digest, Ct));

        Assert.Equal(0, await store.PruneExpiredAsync(10, Ct));
        Assert.DoesNotContain(grantId, ObjectGraphDump.Of(store), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingAnAlreadyExpiredItemStoresNothingAndReplacesTheOldOne()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var digest = Digest();
        var grantId = Id("grant");
        await store.SaveTokensAsync(digest, Access("old", Start.AddHours(1)), null, null, Ct);

        await store.SaveTokensAsync(digest, Access(grantId, Start.AddMinutes(-1)), null, null, Ct);

        Assert.Null(await store.FindAccessTokenAsync(digest, Ct));
        Assert.DoesNotContain(grantId, ObjectGraphDump.Of(store), StringComparison.Ordinal);
        Assert.Equal(0, await store.RevokeTokensOfGrantAsync("old", Ct));
    }

    [Fact]
    public async Task RemovingAnExpiredItemReportsItAsNotThere()
    {
        var clock = Clock();
        var store = new InMemoryStore(clock, Timeout.InfiniteTimeSpan);
        var digest = Digest();
        await store.SaveTokensAsync(digest, Access("g", Start.AddMinutes(1)), null, null, Ct);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await store.RemoveAccessTokenAsync(digest, Ct));
        Assert.Equal(0, await store.PruneExpiredAsync(10, Ct));
    }
}
