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
        var user = TestData.User();
        var clientA = TestData.Client();
        var clientB = TestData.Client();
        await store.SaveClientAsync(clientA, Ct);
        await store.SaveClientAsync(clientB, Ct);
        var (accessA, refreshA) = await SavePairAsync(store, TestData.Id("grant"), clientA.Id, user);
        var (accessB, refreshB) = await SavePairAsync(store, TestData.Id("grant"), clientB.Id, user);
        var codeA = TestData.Digest();
        var codeB = TestData.Digest();
        await store.SaveAuthorizationCodeAsync(codeA, TestData.Code(null, clientA.Id, user), Ct);
        await store.SaveAuthorizationCodeAsync(codeB, TestData.Code(null, clientB.Id, user), Ct);

        await store.RedeemRefreshTokenAsync(refreshA, TestData.Now, Ct);
        await store.RedeemAuthorizationCodeAsync(codeA, TestData.Now, Ct);
        await store.RemoveAccessTokenAsync(accessA, Ct);
        await store.RevokeTokensOfGrantAsync((await store.FindRefreshTokenAsync(refreshA, Ct))!.GrantId, Ct);
        await store.RemoveClientAsync(clientA.Id, Ct);

        RecordAssert.Equal(clientB, await store.FindClientAsync(clientB.Id, Ct));
        Assert.Equal(clientB.Id, (await store.FindAccessTokenAsync(accessB, Ct))!.ClientId);
        Assert.Null((await store.FindRefreshTokenAsync(refreshB, Ct))!.RedeemedAt);
        Assert.Null((await store.FindAuthorizationCodeAsync(codeB, Ct))!.RedeemedAt);
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(refreshB, TestData.Now, Ct)).Status);
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemAuthorizationCodeAsync(codeB, TestData.Now, Ct)).Status);
    }

    [Fact]
    public async Task Isolation_OperationsOnOneUserLeaveAnotherUsersTokens()
    {
        var store = await NewStoreAsync();
        var client = TestData.Id("client");
        var alice = TestData.User();
        var bob = TestData.User();
        var aliceGrant = TestData.Id("grant");
        var (aliceAccess, aliceRefresh) = await SavePairAsync(store, aliceGrant, client, alice);
        var (bobAccess, bobRefresh) = await SavePairAsync(store, TestData.Id("grant"), client, bob);

        await store.RedeemRefreshTokenAsync(aliceRefresh, TestData.Now, Ct);
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
        var client = TestData.Client();
        var grantId = TestData.Id("grant");
        var code = TestData.Digest();
        await first.SaveClientAsync(client, Ct);
        var (access, refresh) = await SavePairAsync(first, grantId, client.Id, TestData.User());
        await first.SaveAuthorizationCodeAsync(code, TestData.Code(grantId, client.Id), Ct);

        Assert.Null(await second.FindClientAsync(client.Id, Ct));
        Assert.Null(await second.FindAccessTokenAsync(access, Ct));
        Assert.Null(await second.FindRefreshTokenAsync(refresh, Ct));
        Assert.Null(await second.FindAuthorizationCodeAsync(code, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await second.RedeemRefreshTokenAsync(refresh, TestData.Now, Ct)).Status);
        Assert.Equal(RedemptionStatus.NotFound, (await second.RedeemAuthorizationCodeAsync(code, TestData.Now, Ct)).Status);
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
