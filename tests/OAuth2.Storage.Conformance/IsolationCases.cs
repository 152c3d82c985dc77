using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>Isolation: what happens to one client's or one user's items leaves another's alone; two stores share nothing.</summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Isolation_OperationsOnOneClientLeaveAnotherClientsTokens()
    {
        var store = await NewStoreAsync();
        var user = Data.User();
        var clientA = Data.Client();
        var clientB = Data.Client();
        await store.SaveClientAsync(clientA, Ct);
        await store.SaveClientAsync(clientB, Ct);
        var (accessA, refreshA) = await SavePairAsync(store, Data.Id("grant"), clientA.Id, user);
        var (accessB, refreshB) = await SavePairAsync(store, Data.Id("grant"), clientB.Id, user);
        var codeA = Data.Digest();
        var codeB = Data.Digest();
        await store.SaveAuthorizationCodeAsync(codeA, Data.Code(null, clientA.Id, user), Ct);
        await store.SaveAuthorizationCodeAsync(codeB, Data.Code(null, clientB.Id, user), Ct);

        await store.RedeemRefreshTokenAsync(refreshA, Data.Now, Ct);
        await store.RedeemAuthorizationCodeAsync(codeA, Data.Now, Ct);
        await store.RemoveAccessTokenAsync(accessA, Ct);
        await store.RevokeTokensOfGrantAsync((await store.FindRefreshTokenAsync(refreshA, Ct))!.GrantId, Ct);
        await store.RemoveClientAsync(clientA.Id, Ct);

        RecordAssert.Equal(clientB, await store.FindClientAsync(clientB.Id, Ct));
        Assert.Equal(clientB.Id, (await store.FindAccessTokenAsync(accessB, Ct))!.ClientId);
        Assert.Null((await store.FindRefreshTokenAsync(refreshB, Ct))!.RedeemedAt);
        Assert.Null((await store.FindAuthorizationCodeAsync(codeB, Ct))!.RedeemedAt);
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(refreshB, Data.Now, Ct)).Status);
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemAuthorizationCodeAsync(codeB, Data.Now, Ct)).Status);
    }

    [Fact]
    public async Task Isolation_OperationsOnOneUserLeaveAnotherUsersTokens()
    {
        var store = await NewStoreAsync();
        var client = Data.Id("client");
        var alice = Data.User();
        var bob = Data.User();
        var aliceGrant = Data.Id("grant");
        var (aliceAccess, aliceRefresh) = await SavePairAsync(store, aliceGrant, client, alice);
        var (bobAccess, bobRefresh) = await SavePairAsync(store, Data.Id("grant"), client, bob);

        await store.RedeemRefreshTokenAsync(aliceRefresh, Data.Now, Ct);
        await store.RevokeTokensOfGrantAsync(aliceGrant, Ct);
        Assert.Null(await store.FindAccessTokenAsync(aliceAccess, Ct));

        Assert.Equal(bob.Id, (await store.FindAccessTokenAsync(bobAccess, Ct))!.User.Id);
        var bobsRefresh = await store.FindRefreshTokenAsync(bobRefresh, Ct);
        Assert.Equal(bob.Id, bobsRefresh!.User.Id);
        Assert.Null(bobsRefresh.RedeemedAt);
    }

    [Fact]
    public async Task Isolation_TwoStoresShareNoData()
    {
        var first = await NewStoreAsync();
        var second = await NewStoreAsync();
        var client = Data.Client();
        var grantId = Data.Id("grant");
        var code = Data.Digest();
        await first.SaveClientAsync(client, Ct);
        var (access, refresh) = await SavePairAsync(first, grantId, client.Id, Data.User());
        await first.SaveAuthorizationCodeAsync(code, Data.Code(grantId, client.Id), Ct);

        Assert.Null(await second.FindClientAsync(client.Id, Ct));
        Assert.Null(await second.FindAccessTokenAsync(access, Ct));
        Assert.Null(await second.FindRefreshTokenAsync(refresh, Ct));
        Assert.Null(await second.FindAuthorizationCodeAsync(code, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await second.RedeemRefreshTokenAsync(refresh, Data.Now, Ct)).Status);
        Assert.Equal(RedemptionStatus.NotFound, (await second.RedeemAuthorizationCodeAsync(code, Data.Now, Ct)).Status);
        Assert.Equal(0, await second.RevokeTokensOfGrantAsync(grantId, Ct));
        Assert.Equal(0, await second.RevokeCodesOfGrantAsync(grantId, Ct));
        Assert.False(await second.RemoveClientAsync(client.Id, Ct));
        Assert.False(await second.RemoveAccessTokenAsync(access, Ct));

        RecordAssert.Equal(client, await first.FindClientAsync(client.Id, Ct));
        Assert.NotNull(await first.FindAccessTokenAsync(access, Ct));
        Assert.Null((await first.FindRefreshTokenAsync(refresh, Ct))!.RedeemedAt);
        Assert.Null((await first.FindAuthorizationCodeAsync(code, Ct))!.RedeemedAt);
    }
}
