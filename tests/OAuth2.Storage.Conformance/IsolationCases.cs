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
        await store.RevokeTokensOfGrantAsync(Rule.Found(await store.FindRefreshTokenAsync(refreshA, Ct), "FindRefreshTokenAsync(refreshA) must be found").GrantId, Ct);
        await store.RemoveClientAsync(clientA.Id, Ct);

        RecordAssert.Equal(clientB, await store.FindClientAsync(clientB.Id, Ct));
        Rule.Same(clientB.Id, Rule.Found(await store.FindAccessTokenAsync(accessB, Ct), "FindAccessTokenAsync(accessB) must be found").ClientId, "Isolation: operations on one client leave another clients tokens: FindAccessTokenAsync(accessB).ClientId");
        Rule.Absent(Rule.Found(await store.FindRefreshTokenAsync(refreshB, Ct), "FindRefreshTokenAsync(refreshB) must be found").RedeemedAt, "Isolation: operations on one client leave another clients tokens: FindRefreshTokenAsync(refreshB).RedeemedAt must be null");
        Rule.Absent(Rule.Found(await store.FindAuthorizationCodeAsync(codeB, Ct), "FindAuthorizationCodeAsync(codeB) must be found").RedeemedAt, "Isolation: operations on one client leave another clients tokens: FindAuthorizationCodeAsync(codeB).RedeemedAt must be null");
        Rule.Same(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(refreshB, Data.Now, Ct)).Status, "Isolation: operations on one client leave another clients tokens: (RedeemRefreshTokenAsync(refreshB, Now)).Status");
        Rule.Same(RedemptionStatus.Redeemed, (await store.RedeemAuthorizationCodeAsync(codeB, Data.Now, Ct)).Status, "Isolation: operations on one client leave another clients tokens: (RedeemAuthorizationCodeAsync(codeB, Now)).Status");
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
        Rule.Absent(await store.FindAccessTokenAsync(aliceAccess, Ct), "Isolation: operations on one user leave another users tokens: FindAccessTokenAsync(aliceAccess) must be null");

        Rule.Same(bob.Id, Rule.Found(await store.FindAccessTokenAsync(bobAccess, Ct), "FindAccessTokenAsync(bobAccess) must be found").User.Id, "Isolation: operations on one user leave another users tokens: FindAccessTokenAsync(bobAccess).User.Id");
        var bobsRefresh = await store.FindRefreshTokenAsync(bobRefresh, Ct);
        Rule.Same(bob.Id, bobsRefresh!.User.Id, "Isolation: operations on one user leave another users tokens: bobsRefresh!.User.Id");
        Rule.Absent(bobsRefresh.RedeemedAt, "Isolation: operations on one user leave another users tokens: bobsRefresh.RedeemedAt must be null");
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

        Rule.Absent(await second.FindClientAsync(client.Id, Ct), "Isolation: two stores share no data: second.FindClientAsync(client.Id) must be null");
        Rule.Absent(await second.FindAccessTokenAsync(access, Ct), "Isolation: two stores share no data: second.FindAccessTokenAsync(access) must be null");
        Rule.Absent(await second.FindRefreshTokenAsync(refresh, Ct), "Isolation: two stores share no data: second.FindRefreshTokenAsync(refresh) must be null");
        Rule.Absent(await second.FindAuthorizationCodeAsync(code, Ct), "Isolation: two stores share no data: second.FindAuthorizationCodeAsync(code) must be null");
        Rule.Same(RedemptionStatus.NotFound, (await second.RedeemRefreshTokenAsync(refresh, Data.Now, Ct)).Status, "Isolation: two stores share no data: (second.RedeemRefreshTokenAsync(refresh, Now)).Status");
        Rule.Same(RedemptionStatus.NotFound, (await second.RedeemAuthorizationCodeAsync(code, Data.Now, Ct)).Status, "Isolation: two stores share no data: (second.RedeemAuthorizationCodeAsync(code, Now)).Status");
        Rule.Same(0, await second.RevokeTokensOfGrantAsync(grantId, Ct), "Isolation: two stores share no data: second.RevokeTokensOfGrantAsync(grantId)");
        Rule.Same(0, await second.RevokeCodesOfGrantAsync(grantId, Ct), "Isolation: two stores share no data: second.RevokeCodesOfGrantAsync(grantId)");
        Rule.True(!(await second.RemoveClientAsync(client.Id, Ct)), "Isolation: two stores share no data: second.RemoveClientAsync(client.Id) must be false");
        Rule.True(!(await second.RemoveAccessTokenAsync(access, Ct)), "Isolation: two stores share no data: second.RemoveAccessTokenAsync(access) must be false");

        RecordAssert.Equal(client, await first.FindClientAsync(client.Id, Ct));
        Rule.Found(await first.FindAccessTokenAsync(access, Ct), "Isolation: two stores share no data: first.FindAccessTokenAsync(access) must be found");
        Rule.Absent(Rule.Found(await first.FindRefreshTokenAsync(refresh, Ct), "first.FindRefreshTokenAsync(refresh) must be found").RedeemedAt, "Isolation: two stores share no data: first.FindRefreshTokenAsync(refresh).RedeemedAt must be null");
        Rule.Absent(Rule.Found(await first.FindAuthorizationCodeAsync(code, Ct), "first.FindAuthorizationCodeAsync(code) must be found").RedeemedAt, "Isolation: two stores share no data: first.FindAuthorizationCodeAsync(code).RedeemedAt must be null");
    }
}
