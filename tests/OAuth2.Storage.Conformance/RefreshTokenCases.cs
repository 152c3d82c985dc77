using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>Refresh tokens: round trip, tokens that never expire, expiry at save, removal.</summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task RefreshToken_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.RichAccessToken();
        var refresh = Data.RefreshTokenFor(access) with
        {
            Scope = ["offline_access", "z-last", "a-first"],
            ExpiresAt = new DateTimeOffset(Data.Now.AddDays(30).UtcDateTime.Ticks + 999, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(-150)),
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
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access) with { ExpiresAt = null, Scope = [] };

        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, refresh, Ct);

        var found = await store.FindRefreshTokenAsync(refreshDigest, Ct);
        RecordAssert.Equal(refresh, found);
        Assert.Null(found!.ExpiresAt);
    }

    [Fact]
    public async Task RefreshToken_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, Data.RefreshTokenFor(access), Ct);

        Assert.Null(await store.FindRefreshTokenAsync(Data.Digest(), Ct));
        Assert.Null(await store.FindRefreshTokenAsync(Data.Neighbour(refreshDigest), Ct));
    }

    [Fact]
    public async Task RefreshToken_ExpiredAtSaveIsNotFoundWhileItsAccessTokenIs()
    {
        var store = await NewStoreAsync();
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access) with { IssuedAt = Data.Now.AddDays(-2), ExpiresAt = Data.Now.AddMinutes(-1) };

        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        Assert.Null(await store.FindRefreshTokenAsync(refreshDigest, Ct));
        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
    }

    [Fact]
    public async Task RefreshToken_RemoveReportsWhetherItExistedAndLeavesItsAccessToken()
    {
        var store = await NewStoreAsync();
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, Data.RefreshTokenFor(access), Ct);

        Assert.True(await store.RemoveRefreshTokenAsync(refreshDigest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(refreshDigest, Ct));
        Assert.False(await store.RemoveRefreshTokenAsync(refreshDigest, Ct));
        Assert.False(await store.RemoveRefreshTokenAsync(Data.Digest(), Ct));
        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
    }
}
