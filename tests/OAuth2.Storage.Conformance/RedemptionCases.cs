using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Single use, one caller at a time: redeeming marks the item and keeps it, a replay is recognised as such (with the
/// grant and the original time), unknown and expired items are not found.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Code_RedeemMarksTheCodeAndKeepsIt()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code();
        await store.SaveAuthorizationCodeAsync(digest, code, Ct);
        var redeemedAt = Data.Now.ToOffset(TimeSpan.FromHours(2));

        var result = await store.RedeemAuthorizationCodeAsync(digest, redeemedAt, Ct);

        Assert.Equal(RedemptionStatus.Redeemed, result.Status);
        Assert.True(result.Won);
        var found = await store.FindAuthorizationCodeAsync(digest, Ct);
        RecordAssert.Equal(code with { RedeemedAt = redeemedAt }, found);
    }

    [Fact]
    public async Task Code_ReplayIsRecognisedWithTheGrantAndTheOriginalTime()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code();
        await store.SaveAuthorizationCodeAsync(digest, code, Ct);
        var first = Data.Now;
        await store.RedeemAuthorizationCodeAsync(digest, first, Ct);

        var replay = await store.RedeemAuthorizationCodeAsync(digest, first.AddSeconds(30), Ct);
        var again = await store.RedeemAuthorizationCodeAsync(digest, first.AddSeconds(60), Ct);

        foreach (var result in new[] { replay, again })
        {
            Assert.Equal(RedemptionStatus.AlreadyRedeemed, result.Status);
            Assert.False(result.Won);
            Assert.Equal(code.GrantId, result.GrantId);
            RecordAssert.Instant(first, result.RedeemedAt, "RedemptionResult.RedeemedAt");
        }

        RecordAssert.Instant(first, (await store.FindAuthorizationCodeAsync(digest, Ct))!.RedeemedAt, "AuthorizationCode.RedeemedAt after replays");
    }

    [Fact]
    public async Task Code_RedeemOfUnknownOrExpiredIsNotFound()
    {
        var store = await NewStoreAsync();
        var expired = Data.Digest();
        await store.SaveAuthorizationCodeAsync(expired, Data.Code() with { IssuedAt = Data.Now.AddMinutes(-20), ExpiresAt = Data.Now.AddMinutes(-10) }, Ct);

        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(Data.Digest(), Data.Now, Ct)).Status);
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(expired, Data.Now, Ct)).Status);
        Assert.Null(await store.FindAuthorizationCodeAsync(expired, Ct));
    }

    [Fact]
    public async Task RefreshToken_RedeemMarksTheTokenAndKeepsIt()
    {
        var store = await NewStoreAsync();
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access);
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);
        var redeemedAt = Data.Now.ToOffset(TimeSpan.FromHours(-5));

        var result = await store.RedeemRefreshTokenAsync(refreshDigest, redeemedAt, Ct);

        Assert.Equal(RedemptionStatus.Redeemed, result.Status);
        RecordAssert.Equal(refresh with { RedeemedAt = redeemedAt }, await store.FindRefreshTokenAsync(refreshDigest, Ct));
        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
    }

    [Fact]
    public async Task RefreshToken_ReplayIsRecognisedWithTheGrantAndTheOriginalTime()
    {
        var store = await NewStoreAsync();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access) with { ExpiresAt = null };
        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, refresh, Ct);
        var first = Data.Now;
        await store.RedeemRefreshTokenAsync(refreshDigest, first, Ct);

        var replay = await store.RedeemRefreshTokenAsync(refreshDigest, first.AddMinutes(5), Ct);

        Assert.Equal(RedemptionStatus.AlreadyRedeemed, replay.Status);
        Assert.Equal(refresh.GrantId, replay.GrantId);
        RecordAssert.Instant(first, replay.RedeemedAt, "RedemptionResult.RedeemedAt");
        RecordAssert.Equal(refresh with { RedeemedAt = first }, await store.FindRefreshTokenAsync(refreshDigest, Ct));
    }

    [Fact]
    public async Task RefreshToken_RedeemOfUnknownOrExpiredIsNotFound()
    {
        var store = await NewStoreAsync();
        var expired = Data.Digest();
        var access = Data.AccessToken();
        await store.SaveTokensAsync(Data.Digest(), access, expired, Data.RefreshTokenFor(access) with { ExpiresAt = Data.Now.AddMinutes(-1) }, Ct);

        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(Data.Digest(), Data.Now, Ct)).Status);
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(expired, Data.Now, Ct)).Status);
    }

    [Fact]
    public async Task RefreshToken_RedeemTouchesNoOtherTokenOfTheGrant()
    {
        var store = await NewStoreAsync();
        var grantId = Data.Id("grant");
        var first = Data.Digest();
        var second = Data.Digest();
        var access = Data.AccessToken(grantId);
        await store.SaveTokensAsync(Data.Digest(), access, first, Data.RefreshTokenFor(access), Ct);
        await store.SaveTokensAsync(Data.Digest(), access, second, Data.RefreshTokenFor(access), Ct);

        await store.RedeemRefreshTokenAsync(first, Data.Now, Ct);

        Assert.Null((await store.FindRefreshTokenAsync(second, Ct))!.RedeemedAt);
        Assert.Equal(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(second, Data.Now, Ct)).Status);
    }
}
