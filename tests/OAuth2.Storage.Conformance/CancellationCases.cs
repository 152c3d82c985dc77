using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Cancellation: every operation given an already-cancelled token throws <see cref="OperationCanceledException"/>
/// (or a subclass) and changes nothing.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Cancellation_ReadsThrow()
    {
        var store = await NewStoreAsync();
        var client = TestData.Client();
        await store.SaveClientAsync(client, Ct);
        var (access, refresh) = await SavePairAsync(store, TestData.Id("grant"), client.Id, TestData.User());
        var code = TestData.Digest();
        await store.SaveAuthorizationCodeAsync(code, TestData.Code(), Ct);
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindClientAsync(client.Id, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindAccessTokenAsync(access, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindRefreshTokenAsync(refresh, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindAuthorizationCodeAsync(code, cancelled));
    }

    [Fact]
    public async Task Cancellation_SavesThrowAndWriteNothing()
    {
        var store = await NewStoreAsync();
        var client = TestData.Client();
        var access = TestData.AccessToken();
        var (accessDigest, refreshDigest, codeDigest) = (TestData.Digest(), TestData.Digest(), TestData.Digest());
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveClientAsync(client, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveTokensAsync(accessDigest, access, refreshDigest, TestData.RefreshTokenFor(access), cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveAuthorizationCodeAsync(codeDigest, TestData.Code(), cancelled));

        Assert.Null(await store.FindClientAsync(client.Id, Ct));
        Assert.Null(await store.FindAccessTokenAsync(accessDigest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(refreshDigest, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(codeDigest, Ct));
    }

    [Fact]
    public async Task Cancellation_RedemptionsAndRemovalsThrowAndChangeNothing()
    {
        var store = await NewStoreAsync();
        var client = TestData.Client();
        await store.SaveClientAsync(client, Ct);
        var grantId = TestData.Id("grant");
        var (access, refresh) = await SavePairAsync(store, grantId, client.Id, TestData.User());
        var code = TestData.Digest();
        await store.SaveAuthorizationCodeAsync(code, TestData.Code(grantId), Ct);
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RedeemRefreshTokenAsync(refresh, TestData.Now, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RedeemAuthorizationCodeAsync(code, TestData.Now, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RemoveAccessTokenAsync(access, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RemoveRefreshTokenAsync(refresh, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RemoveClientAsync(client.Id, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RevokeTokensOfGrantAsync(grantId, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RevokeCodesOfGrantAsync(grantId, cancelled));
        if (store is IExpiredDataPruner pruner)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pruner.PruneExpiredAsync(100, cancelled));
        }

        Assert.NotNull(await store.FindClientAsync(client.Id, Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(access, Ct));
        Assert.Null((await store.FindRefreshTokenAsync(refresh, Ct))!.RedeemedAt);
        Assert.Null((await store.FindAuthorizationCodeAsync(code, Ct))!.RedeemedAt);
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(refresh, TestData.Now, Ct)).Status);
    }
}
