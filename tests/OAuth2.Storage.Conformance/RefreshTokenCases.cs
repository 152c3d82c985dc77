using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>Refresh tokens: round trip, tokens that never expire, expiry at save, removal.</summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task RefreshToken_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var accessDigest = TestData.Digest();
        var refreshDigest = TestData.Digest();
        var access = TestData.RichAccessToken();
        var refresh = TestData.RefreshTokenFor(access) with
        {
            Scope = ["offline_access", "z-last", "a-first"],
            ExpiresAt = new DateTimeOffset(TestData.Now.AddDays(30).UtcDateTime.Ticks + 999, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(-150)),
        };

        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        var found = await store.FindRefreshTokenAsync(refreshDigest, Ct);
        RecordAssert.Equal(refresh, found);
        Assert.Null(found!.RedeemedAt);
    }

    [Fact]
    public async Task RefreshToken_WithoutExpiryNeverExpires()
    {
        var store = await NewStoreAsync();
        var refreshDigest = TestData.Digest();
        var access = TestData.AccessToken();
        var refresh = TestData.RefreshTokenFor(access) with { ExpiresAt = null, Scope = [] };

        await store.SaveTokensAsync(TestData.Digest(), access, refreshDigest, refresh, Ct);

        var found = await store.FindRefreshTokenAsync(refreshDigest, Ct);
        RecordAssert.Equal(refresh, found);
        Assert.Null(found!.ExpiresAt);
    }

    [Fact]
    public async Task RefreshToken_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var refreshDigest = TestData.Digest();
        var access = TestData.AccessToken();
        await store.SaveTokensAsync(TestData.Digest(), access, refreshDigest, TestData.RefreshTokenFor(access), Ct);

        Assert.Null(await store.FindRefreshTokenAsync(TestData.Digest(), Ct));
        Assert.Null(await store.FindRefreshTokenAsync(TestData.Neighbour(refreshDigest), Ct));
    }

    [Fact]
    public async Task RefreshToken_ExpiredAtSaveIsNotFoundWhileItsAccessTokenIs()
    {
        var store = await NewStoreAsync();
        var accessDigest = TestData.Digest();
        var refreshDigest = TestData.Digest();
        var access = TestData.AccessToken();
        var refresh = TestData.RefreshTokenFor(access) with { IssuedAt = TestData.Now.AddDays(-2), ExpiresAt = TestData.Now.AddMinutes(-1) };

        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        Assert.Null(await store.FindRefreshTokenAsync(refreshDigest, Ct));
        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
    }

    [Fact]
    public async Task RefreshToken_RemoveReportsWhetherItExistedAndLeavesItsAccessToken()
    {
        var store = await NewStoreAsync();
        var accessDigest = TestData.Digest();
        var refreshDigest = TestData.Digest();
        var access = TestData.AccessToken();
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, TestData.RefreshTokenFor(access), Ct);

        Assert.True(await store.RemoveRefreshTokenAsync(refreshDigest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(refreshDigest, Ct));
        Assert.False(await store.RemoveRefreshTokenAsync(refreshDigest, Ct));
        Assert.False(await store.RemoveRefreshTokenAsync(TestData.Digest(), Ct));
        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
    }
}
