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
        var client = Data.Client();
        await store.SaveClientAsync(client, Ct);
        var (access, refresh) = await SavePairAsync(store, Data.Id("grant"), client.Id, Data.User());
        var code = Data.Digest();
        await store.SaveAuthorizationCodeAsync(code, Data.Code(), Ct);
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
        var client = Data.Client();
        var access = Data.AccessToken();
        var (accessDigest, refreshDigest, codeDigest) = (Data.Digest(), Data.Digest(), Data.Digest());
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveClientAsync(client, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveTokensAsync(accessDigest, access, refreshDigest, Data.RefreshTokenFor(access), cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveAuthorizationCodeAsync(codeDigest, Data.Code(), cancelled));

        Assert.Null(await store.FindClientAsync(client.Id, Ct));
        Assert.Null(await store.FindAccessTokenAsync(accessDigest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(refreshDigest, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(codeDigest, Ct));
    }

    [Fact]
    public async Task Cancellation_RedemptionsAndRemovalsThrowAndChangeNothing()
    {
        var store = await NewStoreAsync();
        var client = Data.Client();
        await store.SaveClientAsync(client, Ct);
        var grantId = Data.Id("grant");
        var (access, refresh) = await SavePairAsync(store, grantId, client.Id, Data.User());
        var code = Data.Digest();
        await store.SaveAuthorizationCodeAsync(code, Data.Code(grantId), Ct);
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RedeemRefreshTokenAsync(refresh, Data.Now, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RedeemAuthorizationCodeAsync(code, Data.Now, cancelled));
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
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(refresh, Data.Now, Ct)).Status);
    }
}
