using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Removal of expired data: every store must get rid of it, either by <see cref="IExpiredDataPruner"/> (checked by
/// pruning a mix of expired and live items) or natively (checked by watching the raw dump). Finds filtering out
/// expired items are checked per item kind in the other cases.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    /// <summary>How long after its expiry a natively expiring backend may still hold an item.</summary>
    protected static readonly TimeSpan NativeExpiryGrace = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ExpiredData_IsRemovedByPruningOrNatively()
    {
        var store = await NewStoreAsync();

        Assert.True(
            store is IExpiredDataPruner || Fixture.ExpiresItemsNatively,
            $"{store.GetType().Name} never removes expired data: implement IExpiredDataPruner, or expire items natively and say so with StoreFixture.ExpiresItemsNatively.");
    }

    [Fact]
    public async Task Expiry_ItemsThatExpireAfterSavingAreNoLongerFound()
    {
        var store = await NewStoreAsync();
        var expiry = Data.Now.AddSeconds(1);
        var access = Data.AccessToken() with { ExpiresAt = expiry };
        var (accessDigest, refreshDigest, codeDigest) = (Data.Digest(), Data.Digest(), Data.Digest());
        var (redeemedRefresh, redeemedCode) = (Data.Digest(), Data.Digest());
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, Data.RefreshTokenFor(access) with { ExpiresAt = expiry }, Ct);
        await store.SaveTokensAsync(Data.Digest(), access, redeemedRefresh, Data.RefreshTokenFor(access) with { ExpiresAt = expiry }, Ct);
        await store.SaveAuthorizationCodeAsync(codeDigest, Data.Code() with { ExpiresAt = expiry }, Ct);
        await store.SaveAuthorizationCodeAsync(redeemedCode, Data.Code() with { ExpiresAt = expiry }, Ct);
        await store.RedeemRefreshTokenAsync(redeemedRefresh, Data.Now, Ct);
        await store.RedeemAuthorizationCodeAsync(redeemedCode, Data.Now, Ct);
        Rule.Found(await store.FindAccessTokenAsync(accessDigest, Ct), "Expiry: items that expire after saving are no longer found: FindAccessTokenAsync(accessDigest) must be found");
        Rule.Found(await store.FindRefreshTokenAsync(refreshDigest, Ct), "Expiry: items that expire after saving are no longer found: FindRefreshTokenAsync(refreshDigest) must be found");
        Rule.Found(await store.FindAuthorizationCodeAsync(codeDigest, Ct), "Expiry: items that expire after saving are no longer found: FindAuthorizationCodeAsync(codeDigest) must be found");

        AdvanceTo(expiry.AddMilliseconds(50));

        Rule.Absent(await store.FindAccessTokenAsync(accessDigest, Ct), "Expiry: items that expire after saving are no longer found: FindAccessTokenAsync(accessDigest) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(refreshDigest, Ct), "Expiry: items that expire after saving are no longer found: FindRefreshTokenAsync(refreshDigest) must be null");
        Rule.Absent(await store.FindAuthorizationCodeAsync(codeDigest, Ct), "Expiry: items that expire after saving are no longer found: FindAuthorizationCodeAsync(codeDigest) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(redeemedRefresh, Ct), "Expiry: items that expire after saving are no longer found: FindRefreshTokenAsync(redeemedRefresh) must be null");
        Rule.Absent(await store.FindAuthorizationCodeAsync(redeemedCode, Ct), "Expiry: items that expire after saving are no longer found: FindAuthorizationCodeAsync(redeemedCode) must be null");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(refreshDigest, Data.Now, Ct)).Status, "Expiry: items that expire after saving are no longer found: (RedeemRefreshTokenAsync(refreshDigest, Now)).Status");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(codeDigest, Data.Now, Ct)).Status, "Expiry: items that expire after saving are no longer found: (RedeemAuthorizationCodeAsync(codeDigest, Now)).Status");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(redeemedRefresh, Data.Now, Ct)).Status, "Expiry: items that expire after saving are no longer found: (RedeemRefreshTokenAsync(redeemedRefresh, Now)).Status");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(redeemedCode, Data.Now, Ct)).Status, "Expiry: items that expire after saving are no longer found: (RedeemAuthorizationCodeAsync(redeemedCode, Now)).Status");
    }

    [Fact]
    public async Task PruneExpired_RemovesEveryExpiredItemAndNoLiveOne()
    {
        var store = await NewStoreAsync();
        if (store is not IExpiredDataPruner pruner)
        {
            Assert.Skip($"{store.GetType().Name} does not implement IExpiredDataPruner.");
            return;
        }

        var shortExpiry = Data.Now.AddSeconds(1);
        var expiring = new List<(string Kind, TokenDigest Digest)>();
        var live = new List<(string Kind, TokenDigest Digest)>();
        var alreadyExpired = 0;

        // Expiring soon: three full pairs, a pair whose access token expires but whose refresh token lives, two codes.
        for (var i = 0; i < 3; i++)
        {
            var access = Data.AccessToken() with { ExpiresAt = shortExpiry };
            var pair = (Access: Data.Digest(), Refresh: Data.Digest());
            await store.SaveTokensAsync(pair.Access, access, pair.Refresh, Data.RefreshTokenFor(access) with { ExpiresAt = shortExpiry }, Ct);
            expiring.Add(("access token", pair.Access));
            expiring.Add(("refresh token", pair.Refresh));
        }

        var mixedAccess = Data.AccessToken() with { ExpiresAt = shortExpiry };
        var mixed = (Access: Data.Digest(), Refresh: Data.Digest());
        await store.SaveTokensAsync(mixed.Access, mixedAccess, mixed.Refresh, Data.RefreshTokenFor(mixedAccess), Ct);
        expiring.Add(("access token", mixed.Access));
        live.Add(("refresh token", mixed.Refresh));
        for (var i = 0; i < 2; i++)
        {
            var code = Data.Digest();
            await store.SaveAuthorizationCodeAsync(code, Data.Code() with { ExpiresAt = shortExpiry }, Ct);
            expiring.Add(("code", code));
        }

        // Expired before they were saved: a store may or may not have written them.
        var stale = Data.AccessToken() with { ExpiresAt = Data.Now.AddMinutes(-1) };
        await store.SaveTokensAsync(Data.Digest(), stale, Data.Digest(), Data.RefreshTokenFor(stale) with { ExpiresAt = Data.Now.AddMinutes(-1) }, Ct);
        await store.SaveAuthorizationCodeAsync(Data.Digest(), Data.Code() with { ExpiresAt = Data.Now.AddMinutes(-1) }, Ct);
        alreadyExpired += 3;

        // Live: plain pairs, a refresh token that never expires, a rotated refresh token and a redeemed code (kept
        // until they expire, to recognise replays), a plain code.
        var liveAccess = Data.AccessToken();
        var livePair = (Access: Data.Digest(), Refresh: Data.Digest());
        await store.SaveTokensAsync(livePair.Access, liveAccess, livePair.Refresh, Data.RefreshTokenFor(liveAccess) with { ExpiresAt = null }, Ct);
        live.Add(("access token", livePair.Access));
        live.Add(("refresh token", livePair.Refresh));
        var rotatedAccess = Data.AccessToken();
        var rotated = (Access: Data.Digest(), Refresh: Data.Digest());
        await store.SaveTokensAsync(rotated.Access, rotatedAccess, rotated.Refresh, Data.RefreshTokenFor(rotatedAccess), Ct);
        await store.RedeemRefreshTokenAsync(rotated.Refresh, Data.Now, Ct);
        live.Add(("access token", rotated.Access));
        live.Add(("refresh token", rotated.Refresh));
        var redeemedCode = Data.Digest();
        await store.SaveAuthorizationCodeAsync(redeemedCode, Data.Code(), Ct);
        await store.RedeemAuthorizationCodeAsync(redeemedCode, Data.Now, Ct);
        live.Add(("code", redeemedCode));
        var liveCode = Data.Digest();
        await store.SaveAuthorizationCodeAsync(liveCode, Data.Code(), Ct);
        live.Add(("code", liveCode));

        AdvanceTo(shortExpiry.AddMilliseconds(100));
        var removed = await pruner.PruneExpiredAsync(batchSize: 3, Ct);

        Rule.InRange(removed, expiring.Count, expiring.Count + alreadyExpired, "Prune Expired: removes every expired item and no live one: removed");
        Rule.Same(0, await pruner.PruneExpiredAsync(batchSize: 3, Ct), "Prune Expired: removes every expired item and no live one: pruner.PruneExpiredAsync(batchSize: 3)");
        foreach (var (kind, digest) in live)
        {
            Assert.True(await ExistsAsync(store, kind, digest), $"A live {kind} was pruned.");
        }

        Rule.Found(Rule.Found(await store.FindRefreshTokenAsync(rotated.Refresh, Ct), "FindRefreshTokenAsync(rotated.Refresh) must be found").RedeemedAt, "Prune Expired: removes every expired item and no live one: FindRefreshTokenAsync(rotated.Refresh).RedeemedAt must be found");
        Rule.Found(Rule.Found(await store.FindAuthorizationCodeAsync(redeemedCode, Ct), "FindAuthorizationCodeAsync(redeemedCode) must be found").RedeemedAt, "Prune Expired: removes every expired item and no live one: FindAuthorizationCodeAsync(redeemedCode).RedeemedAt must be found");
        foreach (var (kind, digest) in expiring)
        {
            Assert.False(await ExistsAsync(store, kind, digest), $"An expired {kind} is still found after pruning.");
        }

        if (await Fixture.DumpAsync(store, Ct) is { } dump)
        {
            Rule.Each(expiring, item => DumpScanner.FindBytes(dump, item.Digest.Bytes) is null, "Pruning: the raw dump no longer holds a pruned item");
            Rule.Each(live, item => DumpScanner.FindBytes(dump, item.Digest.Bytes) is not null, "Pruning: the raw dump still holds every live item");
        }
    }

    [Fact]
    public async Task NativeExpiry_RemovesExpiredItemsFromTheBackend()
    {
        if (!Fixture.ExpiresItemsNatively)
        {
            Assert.Skip("The fixture does not declare native expiry (StoreFixture.ExpiresItemsNatively).");
            return;
        }

        var store = await NewStoreAsync();
        var expiry = Data.Now.AddSeconds(1.5);
        var access = Data.AccessToken() with { ExpiresAt = expiry };
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var codeDigest = Data.Digest();
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, Data.RefreshTokenFor(access) with { ExpiresAt = expiry }, Ct);
        await store.SaveAuthorizationCodeAsync(codeDigest, Data.Code() with { ExpiresAt = expiry }, Ct);
        var liveDigest = Data.Digest();
        await store.SaveTokensAsync(liveDigest, Data.AccessToken(), null, null, Ct);
        TokenDigest[] expiring = [accessDigest, refreshDigest, codeDigest];

        var dump = await Fixture.DumpAsync(store, Ct);
        if (dump is null)
        {
            Assert.Skip("The fixture provides no raw dump (StoreFixture.DumpAsync returned null), so native expiry cannot be observed.");
            return;
        }

        Rule.Each(expiring, digest => DumpScanner.FindBytes(dump, digest.Bytes) is not null, "The raw dump does not show a saved item, so it cannot show its expiry either.");
        // The backend expires by its own clock, which is real time: wait for it, moving the case's clock along.
        await WaitInRealTimeUntilAsync(expiry);
        var deadline = expiry + NativeExpiryGrace;
        while (expiring.Any(digest => DumpScanner.FindBytes(dump, digest.Bytes) is not null) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
            AdvanceTo(TimeProvider.System.GetUtcNow());
            dump = await Fixture.DumpAsync(store, Ct) ?? string.Empty;
        }

        Rule.Each(expiring, digest => DumpScanner.FindBytes(dump, digest.Bytes) is null, $"An expired item is still in the backend {NativeExpiryGrace.TotalSeconds} s after its expiry.");
        Assert.True(DumpScanner.FindBytes(dump, liveDigest.Bytes) is not null, "A live item disappeared from the backend.");
        Rule.Found(await store.FindAccessTokenAsync(liveDigest, Ct), "Native Expiry: removes expired items from the backend: FindAccessTokenAsync(liveDigest) must be found");
    }

    /// <summary>Moves the case's clock forward to <paramref name="instant"/> (never back).</summary>
    protected void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(instant);
        }
    }

    private async Task WaitInRealTimeUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Ct);
        }

        AdvanceTo(instant);
    }

    private static async Task<bool> ExistsAsync(IOAuth2Store store, string kind, TokenDigest digest) => kind switch
    {
        "access token" => await store.FindAccessTokenAsync(digest, Ct) is not null,
        "refresh token" => await store.FindRefreshTokenAsync(digest, Ct) is not null,
        _ => await store.FindAuthorizationCodeAsync(digest, Ct) is not null,
    };
}
