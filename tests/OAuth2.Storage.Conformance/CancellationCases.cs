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

        Rule.Absent(await store.FindClientAsync(client.Id, Ct), "Cancellation: saves throw and write nothing: FindClientAsync(client.Id) must be null");
        Rule.Absent(await store.FindAccessTokenAsync(accessDigest, Ct), "Cancellation: saves throw and write nothing: FindAccessTokenAsync(accessDigest) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(refreshDigest, Ct), "Cancellation: saves throw and write nothing: FindRefreshTokenAsync(refreshDigest) must be null");
        Rule.Absent(await store.FindAuthorizationCodeAsync(codeDigest, Ct), "Cancellation: saves throw and write nothing: FindAuthorizationCodeAsync(codeDigest) must be null");
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
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RevokeTokensOfClientAsync(client.Id, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RevokeCodesOfGrantAsync(grantId, cancelled));
        if (store is IExpiredDataPruner pruner)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pruner.PruneExpiredAsync(100, cancelled));
        }

        Rule.Found(await store.FindClientAsync(client.Id, Ct), "Cancellation: redemptions and removals throw and change nothing: FindClientAsync(client.Id) must be found");
        Rule.Found(await store.FindAccessTokenAsync(access, Ct), "Cancellation: redemptions and removals throw and change nothing: FindAccessTokenAsync(access) must be found");
        Rule.Absent(Rule.Found(await store.FindRefreshTokenAsync(refresh, Ct), "FindRefreshTokenAsync(refresh) must be found").RedeemedAt, "Cancellation: redemptions and removals throw and change nothing: FindRefreshTokenAsync(refresh).RedeemedAt must be null");
        Rule.Absent(Rule.Found(await store.FindAuthorizationCodeAsync(code, Ct), "FindAuthorizationCodeAsync(code) must be found").RedeemedAt, "Cancellation: redemptions and removals throw and change nothing: FindAuthorizationCodeAsync(code).RedeemedAt must be null");
        Rule.Same(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(refresh, Data.Now, Ct)).Status, "Cancellation: redemptions and removals throw and change nothing: (RedeemRefreshTokenAsync(refresh, Now)).Status");
    }
}
