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

        Rule.Same(RedemptionStatus.Redeemed, result.Status, "Code: redeem marks the code and keeps it: result.Status");
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
            Rule.Same(RedemptionStatus.AlreadyRedeemed, result.Status, "Code: replay is recognised with the grant and the original time: result.Status");
            Rule.True(!(result.Won), "Code: replay is recognised with the grant and the original time: result.Won must be false");
            Rule.Same(code.GrantId, result.GrantId, "Code: replay is recognised with the grant and the original time: result.GrantId");
            RecordAssert.Instant(first, result.RedeemedAt, "RedemptionResult.RedeemedAt");
        }

        RecordAssert.Instant(first, Rule.Found(await store.FindAuthorizationCodeAsync(digest, Ct), "FindAuthorizationCodeAsync(digest) must be found").RedeemedAt, "AuthorizationCode.RedeemedAt after replays");
    }

    [Fact]
    public async Task Code_RedeemOfUnknownOrExpiredIsNotFound()
    {
        var store = await NewStoreAsync();
        var expired = Data.Digest();
        await store.SaveAuthorizationCodeAsync(expired, Data.Code() with { IssuedAt = Data.Now.AddMinutes(-20), ExpiresAt = Data.Now.AddMinutes(-10) }, Ct);

        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(Data.Digest(), Data.Now, Ct)).Status, "Code: redeem of unknown or expired is not found: (RedeemAuthorizationCodeAsync(Digest(), Now)).Status");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(expired, Data.Now, Ct)).Status, "Code: redeem of unknown or expired is not found: (RedeemAuthorizationCodeAsync(expired, Now)).Status");
        Rule.Absent(await store.FindAuthorizationCodeAsync(expired, Ct), "Code: redeem of unknown or expired is not found: FindAuthorizationCodeAsync(expired) must be null");
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

        Rule.Same(RedemptionStatus.Redeemed, result.Status, "Refresh Token: redeem marks the token and keeps it: result.Status");
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

        Rule.Same(RedemptionStatus.AlreadyRedeemed, replay.Status, "Refresh Token: replay is recognised with the grant and the original time: replay.Status");
        Rule.Same(refresh.GrantId, replay.GrantId, "Refresh Token: replay is recognised with the grant and the original time: replay.GrantId");
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

        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(Data.Digest(), Data.Now, Ct)).Status, "Refresh Token: redeem of unknown or expired is not found: (RedeemRefreshTokenAsync(Digest(), Now)).Status");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(expired, Data.Now, Ct)).Status, "Refresh Token: redeem of unknown or expired is not found: (RedeemRefreshTokenAsync(expired, Now)).Status");
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

        Rule.Absent(Rule.Found(await store.FindRefreshTokenAsync(second, Ct), "FindRefreshTokenAsync(second) must be found").RedeemedAt, "Refresh Token: redeem touches no other token of the grant: FindRefreshTokenAsync(second).RedeemedAt must be null");
        Rule.Same(RedemptionStatus.Redeemed, (await store.RedeemRefreshTokenAsync(second, Data.Now, Ct)).Status, "Refresh Token: redeem touches no other token of the grant: (RedeemRefreshTokenAsync(second, Now)).Status");
    }
}
