using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Time, judged by the store's clock at the exact instants: an item is live until the millisecond before its
/// <c>ExpiresAt</c> (a device authorization until the one before its <c>RetainUntil</c>) and gone from that instant
/// on, for finds, redemptions, updates, user-code claims and pruning alike; and a redemption is a lasting mark, still
/// there long after any lock would have lapsed. The case's fake clock never matches the machine's clock at the
/// instants checked, so a store that reads <c>DateTimeOffset.UtcNow</c>, local time, or compares with the wrong
/// boundary fails here.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    private const string ClockHint = "judge it by the store's TimeProvider (never DateTimeOffset.UtcNow or local time), with the instant itself already past";

    [Fact]
    public async Task Clock_TokensAndCodesLiveUntilTheMillisecondBeforeTheirExpiryAndAreGoneAtIt()
    {
        var store = await NewStoreAsync();
        var expiry = Data.Now.AddMinutes(30);
        var access = Data.AccessToken() with { ExpiresAt = expiry };
        var refresh = Data.RefreshTokenFor(access) with { ExpiresAt = expiry };
        var (accessDigest, refreshDigest, codeDigest) = (Data.Digest(), Data.Digest(), Data.Digest());
        var (earlyRefresh, earlyCode, lateRefresh, lateCode) = (Data.Digest(), Data.Digest(), Data.Digest(), Data.Digest());
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);
        await store.SaveTokensAsync(Data.Digest(), access, earlyRefresh, refresh, Ct);
        await store.SaveTokensAsync(Data.Digest(), access, lateRefresh, refresh, Ct);
        foreach (var digest in new[] { codeDigest, earlyCode, lateCode })
        {
            await store.SaveAuthorizationCodeAsync(digest, Data.Code() with { ExpiresAt = expiry }, Ct);
        }

        Clock.SetUtcNow(expiry.AddMilliseconds(-1));
        var before = $"1 ms before its ExpiresAt ({Rule.At(expiry)}) on the store's clock";
        Rule.Found(await store.FindAccessTokenAsync(accessDigest, Ct), $"Expiry: an access token is live {before}");
        Rule.Found(await store.FindRefreshTokenAsync(refreshDigest, Ct), $"Expiry: a refresh token is live {before}");
        Rule.Found(await store.FindAuthorizationCodeAsync(codeDigest, Ct), $"Expiry: a code is live {before}");
        Rule.Status(RedemptionStatus.Redeemed, await store.RedeemRefreshTokenAsync(earlyRefresh, Clock.GetUtcNow(), Ct), $"Expiry: a refresh token is redeemable {before}");
        Rule.Status(RedemptionStatus.Redeemed, await store.RedeemAuthorizationCodeAsync(earlyCode, Clock.GetUtcNow(), Ct), $"Expiry: a code is redeemable {before}");

        Clock.SetUtcNow(expiry);
        var at = $"at its ExpiresAt ({Rule.At(expiry)}) on the store's clock: {ClockHint}";
        Rule.Absent(await store.FindAccessTokenAsync(accessDigest, Ct), $"Expiry: an access token is gone {at}");
        Rule.Absent(await store.FindRefreshTokenAsync(refreshDigest, Ct), $"Expiry: a refresh token is gone {at}");
        Rule.Absent(await store.FindAuthorizationCodeAsync(codeDigest, Ct), $"Expiry: a code is gone {at}");
        Rule.Absent(await store.FindRefreshTokenAsync(earlyRefresh, Ct), $"Expiry: a redeemed refresh token is gone {at}");
        Rule.Absent(await store.FindAuthorizationCodeAsync(earlyCode, Ct), $"Expiry: a redeemed code is gone {at}");
        Rule.Status(RedemptionStatus.NotFound, await store.RedeemRefreshTokenAsync(lateRefresh, expiry, Ct), $"Expiry: a refresh token cannot be redeemed {at}");
        Rule.Status(RedemptionStatus.NotFound, await store.RedeemAuthorizationCodeAsync(lateCode, expiry, Ct), $"Expiry: a code cannot be redeemed {at}");
        Rule.Status(RedemptionStatus.NotFound, await store.RedeemRefreshTokenAsync(earlyRefresh, expiry, Ct), $"Expiry: a redeemed refresh token is unknown (not a replay) {at}");
        Rule.Status(RedemptionStatus.NotFound, await store.RedeemAuthorizationCodeAsync(earlyCode, expiry, Ct), $"Expiry: a redeemed code is unknown (not a replay) {at}");
    }

    [Fact]
    public async Task Clock_DeviceAuthorizationIsRetainedUntilTheMillisecondBeforeItsRetentionAndGoneAtIt()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);
        var retainUntil = pending.RetainUntil;

        Clock.SetUtcNow(retainUntil.AddMilliseconds(-1));
        var before = $"1 ms before its RetainUntil ({Rule.At(retainUntil)}), past its ExpiresAt, on the store's clock";
        Rule.Found(await store.FindDeviceAuthorizationAsync(device, Ct), $"Retention: a device authorization is found {before}");
        Rule.Equal(device, await store.FindDeviceCodeByUserCodeAsync(user, Ct), $"Retention: its user code leads to it {before}");
        Rule.True(await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Status = DeviceAuthorizationStatus.Denied, User = Data.User(), Revision = 1 }, Ct), $"Retention: a device authorization can be updated {before} (the update returned false)");
        Rule.True(!await store.SaveDeviceAuthorizationAsync(Data.Digest(), user, Data.DeviceAuthorization(), Ct), $"Retention: its user code stays taken {before} (a second save with it returned true)");

        Clock.SetUtcNow(retainUntil);
        var at = $"at its RetainUntil ({Rule.At(retainUntil)}) on the store's clock: {ClockHint}";
        Rule.Absent(await store.FindDeviceAuthorizationAsync(device, Ct), $"Retention: a device authorization is gone {at}");
        Rule.Absent(await store.FindDeviceCodeByUserCodeAsync(user, Ct), $"Retention: its user code leads nowhere {at}");
    }

    [Fact]
    public async Task Device_AUserCodeIsFreeAgainFromTheInstantItsHoldersRetentionEnds()
    {
        var store = await NewStoreAsync();
        var user = Data.Digest();
        var (first, second) = (Data.Digest(), Data.Digest());
        var holder = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(first, user, holder, Ct);
        Clock.SetUtcNow(holder.RetainUntil);
        var next = Data.DeviceAuthorization();

        var saved = await store.SaveDeviceAuthorizationAsync(second, user, next, Ct);

        var rule = $"Retention on writes: a user code is free from its holder's RetainUntil ({Rule.At(holder.RetainUntil)}) on the store's clock, pruned or not";
        Rule.True(saved, $"{rule} (saving a new authorization with it returned false)");
        Rule.Equal(second, await store.FindDeviceCodeByUserCodeAsync(user, Ct), $"{rule}: it leads to the new authorization");
        RecordAssert.Equal(next, await store.FindDeviceAuthorizationAsync(second, Ct));
        Rule.Absent(await store.FindDeviceAuthorizationAsync(first, Ct), $"{rule}: the old holder stays gone");
    }

    [Fact]
    public async Task Device_UpdatePastItsRetentionIsRefusedBeforeAnyPruning()
    {
        var store = await NewStoreAsync();
        var (device, user) = (Data.Digest(), Data.Digest());
        var pending = Data.DeviceAuthorization();
        await store.SaveDeviceAuthorizationAsync(device, user, pending, Ct);
        Clock.SetUtcNow(pending.RetainUntil);

        var updated = await store.UpdateDeviceAuthorizationAsync(device, 0, pending with { Status = DeviceAuthorizationStatus.Approved, User = Data.User(), Revision = 1 }, Ct);

        var rule = $"Retention on writes: a device authorization cannot be updated from its RetainUntil ({Rule.At(pending.RetainUntil)}) on the store's clock, pruned or not";
        Rule.True(!updated, $"{rule} (the update returned true)");
        Rule.Absent(await store.FindDeviceAuthorizationAsync(device, Ct), $"{rule}: nor does the update bring it back");
    }

    [Fact]
    public async Task Redemption_IsALastingMarkNotALock()
    {
        var store = await NewStoreAsync();
        var (code, refresh, forever) = (Data.Digest(), Data.Digest(), Data.Digest());
        var saved = Data.Code() with { ExpiresAt = Data.Now.AddHours(3) };
        var access = Data.AccessToken();
        var token = Data.RefreshTokenFor(access);
        await store.SaveAuthorizationCodeAsync(code, saved, Ct);
        await store.SaveTokensAsync(Data.Digest(), access, refresh, token, Ct);
        await store.SaveTokensAsync(Data.Digest(), access, forever, token with { ExpiresAt = null }, Ct);
        var first = Data.Now;
        await store.RedeemAuthorizationCodeAsync(code, first, Ct);
        await store.RedeemRefreshTokenAsync(refresh, first, Ct);
        await store.RedeemRefreshTokenAsync(forever, first, Ct);

        // Well past any lock or lease a store might hold for a redemption (seconds, minutes), well before expiry.
        var later = first.AddHours(2);
        Clock.SetUtcNow(later);

        var rule = $"Single use lasts until expiry: redeemed at {Rule.At(first)}, an item is still redeemed at {Rule.At(later)} on the store's clock (a mark kept with the item, not a lock that lapses)";
        var replays = new[]
        {
            ("code", await store.RedeemAuthorizationCodeAsync(code, later, Ct), saved.GrantId),
            ("refresh token", await store.RedeemRefreshTokenAsync(refresh, later, Ct), token.GrantId),
            ("refresh token without expiry", await store.RedeemRefreshTokenAsync(forever, later, Ct), token.GrantId),
        };
        foreach (var (kind, replay, grantId) in replays)
        {
            Rule.Status(RedemptionStatus.AlreadyRedeemed, replay, $"{rule}: a {kind}'s second redemption is a replay");
            Rule.True(string.Equals(replay.GrantId, grantId, StringComparison.Ordinal), $"{rule}: a {kind}'s replay names its grant (expected {grantId}, got {replay.GrantId ?? "null"})");
            RecordAssert.Instant(first, replay.RedeemedAt, $"{rule}: a {kind}'s replay reports the first redemption time");
        }

        RecordAssert.Instant(first, Rule.Found(await store.FindAuthorizationCodeAsync(code, Ct), $"{rule}: the code is found").RedeemedAt, "AuthorizationCode.RedeemedAt, two hours after the redemption");
        RecordAssert.Instant(first, Rule.Found(await store.FindRefreshTokenAsync(refresh, Ct), $"{rule}: the refresh token is found").RedeemedAt, "RefreshToken.RedeemedAt, two hours after the redemption");
    }

    [Fact]
    public async Task Clock_PruningRemovesItemsAtTheirExpiryInstantAndNotBefore()
    {
        var store = await NewStoreAsync();
        if (store is not IExpiredDataPruner pruner)
        {
            Assert.Skip($"{store.GetType().Name} does not implement IExpiredDataPruner.");
            return;
        }

        var expiry = Data.Now.AddMinutes(30);
        var access = Data.AccessToken() with { ExpiresAt = expiry };
        var (accessDigest, refreshDigest, codeDigest, device, user) = (Data.Digest(), Data.Digest(), Data.Digest(), Data.Digest(), Data.Digest());
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, Data.RefreshTokenFor(access) with { ExpiresAt = expiry }, Ct);
        await store.SaveAuthorizationCodeAsync(codeDigest, Data.Code() with { ExpiresAt = expiry }, Ct);
        await store.SaveDeviceAuthorizationAsync(device, user, Data.DeviceAuthorization() with { ExpiresAt = expiry.AddMinutes(-10), RetainUntil = expiry }, Ct);

        Clock.SetUtcNow(expiry.AddMilliseconds(-1));
        Rule.Count(0, await pruner.PruneExpiredAsync(batchSize: 10, Ct), $"Pruning removes nothing 1 ms before the items' expiry and retention ({Rule.At(expiry)}) on the store's clock");
        Rule.Found(await store.FindAccessTokenAsync(accessDigest, Ct), "Pruning 1 ms before expiry kept the access token");
        Rule.Found(await store.FindDeviceAuthorizationAsync(device, Ct), "Pruning 1 ms before retention kept the device authorization");

        Clock.SetUtcNow(expiry);
        Rule.Count(4, await pruner.PruneExpiredAsync(batchSize: 10, Ct), $"Pruning at the items' expiry and retention ({Rule.At(expiry)}) removes all four (access, refresh, code, device): {ClockHint}");
        if (await Fixture.DumpAsync(store, Ct) is { } dump)
        {
            foreach (var digest in new[] { accessDigest, refreshDigest, codeDigest, device })
            {
                Rule.True(DumpScanner.FindBytes(dump, digest.Bytes) is null, "Pruning at the expiry instant left an item in the raw dump.");
            }
        }
    }
}
