using OAuth2.Tokens;
using static OAuth2.Storage.InMemory.Tests.StoreBuilder;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>The grant index stays exact under concurrency and when a digest moves between grants, and never leaks.</summary>
public sealed class GrantIndexTests
{
    [Fact]
    public async Task RevokingWhileSavingLeavesNoOrphans()
    {
        var store = new InMemoryStore();
        var grantId = Id("grant");
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        var digests = Enumerable.Range(0, 400).Select(_ => Digest()).ToArray();

        var savers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; i < digests.Length; i += 4)
            {
                if (i % 2 == 0)
                {
                    await store.SaveTokensAsync(digests[i], Access(grantId, expiresAt), null, null, Ct);
                }
                else
                {
                    await store.SaveAuthorizationCodeAsync(digests[i], StoreBuilder.Code(grantId, expiresAt), Ct);
                }
            }
        }, Ct));
        var revoker = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await store.RevokeTokensOfGrantAsync(grantId, Ct);
                await store.RevokeCodesOfGrantAsync(grantId, Ct);
                await Task.Yield();
            }
        }, Ct);
        await Task.WhenAll([.. savers, revoker]);

        // Whatever survived the race is still known to the family: one last revocation finds every item.
        var surviving = 0;
        for (var i = 0; i < digests.Length; i++)
        {
            if (i % 2 == 0 ? await store.FindAccessTokenAsync(digests[i], Ct) is not null : await store.FindAuthorizationCodeAsync(digests[i], Ct) is not null)
            {
                surviving++;
            }
        }

        var revoked = await store.RevokeTokensOfGrantAsync(grantId, Ct) + await store.RevokeCodesOfGrantAsync(grantId, Ct);
        Assert.Equal(surviving, revoked);
        Assert.DoesNotContain(grantId, ObjectGraphDump.Of(store), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADigestSavedAgainUnderAnotherGrantBelongsOnlyToTheNewOne()
    {
        var store = new InMemoryStore();
        var digest = Digest();
        var oldGrant = Id("old");
        var newGrant = Id("new");
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        await store.SaveTokensAsync(digest, Access(oldGrant, expiresAt), null, null, Ct);

        await store.SaveTokensAsync(digest, Access(newGrant, expiresAt), null, null, Ct);

        Assert.DoesNotContain(oldGrant, ObjectGraphDump.Of(store), StringComparison.Ordinal);
        Assert.Equal(0, await store.RevokeTokensOfGrantAsync(oldGrant, Ct));
        Assert.Equal(newGrant, (await store.FindAccessTokenAsync(digest, Ct))!.GrantId);
        Assert.Equal(1, await store.RevokeTokensOfGrantAsync(newGrant, Ct));
        Assert.DoesNotContain(newGrant, ObjectGraphDump.Of(store), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingEveryItemOfAGrantForgetsTheGrant()
    {
        var store = new InMemoryStore();
        var grantId = Id("grant");
        var (access, refresh, code) = (Digest(), Digest(), Digest());
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        await store.SaveTokensAsync(access, Access(grantId, expiresAt), refresh, Refresh(grantId, null), Ct);
        await store.SaveAuthorizationCodeAsync(code, StoreBuilder.Code(grantId, expiresAt), Ct);
        await store.RedeemAuthorizationCodeAsync(code, DateTimeOffset.UtcNow, Ct);

        Assert.True(await store.RemoveAccessTokenAsync(access, Ct));
        Assert.True(await store.RemoveRefreshTokenAsync(refresh, Ct));
        Assert.Equal(1, await store.RevokeCodesOfGrantAsync(grantId, Ct));

        Assert.DoesNotContain(grantId, ObjectGraphDump.Of(store), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedemptionRacingARevocationNeverResurrectsTheItem()
    {
        for (var round = 0; round < 50; round++)
        {
            var store = new InMemoryStore();
            var grantId = Id("grant");
            var refresh = Digest();
            await store.SaveTokensAsync(Digest(), Access(grantId, DateTimeOffset.UtcNow.AddHours(1)), refresh, Refresh(grantId, null), Ct);

            var redeem = Task.Run(async () => await store.RedeemRefreshTokenAsync(refresh, DateTimeOffset.UtcNow, Ct), Ct);
            var revoke = Task.Run(async () => await store.RevokeTokensOfGrantAsync(grantId, Ct), Ct);
            await Task.WhenAll(redeem, revoke);

            Assert.Equal(2, await revoke);
            Assert.Null(await store.FindRefreshTokenAsync(refresh, Ct));
            Assert.NotEqual(RedemptionStatus.AlreadyRedeemed, (await redeem).Status);
        }
    }
}
