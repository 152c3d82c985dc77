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
        Rule.Absent(found!.RedeemedAt, "Refresh Token: round trips every field: found!.RedeemedAt must be null");
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
        Rule.Absent(found!.ExpiresAt, "Refresh Token: without expiry never expires: found!.ExpiresAt must be null");
    }

    [Fact]
    public async Task RefreshToken_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, Data.RefreshTokenFor(access), Ct);

        Rule.Absent(await store.FindRefreshTokenAsync(Data.Digest(), Ct), "Refresh Token: unknown digest is not found: FindRefreshTokenAsync(Digest()) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(Data.Neighbour(refreshDigest), Ct), "Refresh Token: unknown digest is not found: FindRefreshTokenAsync(Neighbour(refreshDigest)) must be null");
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

        Rule.Absent(await store.FindRefreshTokenAsync(refreshDigest, Ct), "Refresh Token: expired at save is not found while its access token is: FindRefreshTokenAsync(refreshDigest) must be null");
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
        Rule.Absent(await store.FindRefreshTokenAsync(refreshDigest, Ct), "Refresh Token: remove reports whether it existed and leaves its access token: FindRefreshTokenAsync(refreshDigest) must be null");
        Rule.True(!(await store.RemoveRefreshTokenAsync(refreshDigest, Ct)), "Refresh Token: remove reports whether it existed and leaves its access token: RemoveRefreshTokenAsync(refreshDigest) must be false");
        Rule.True(!(await store.RemoveRefreshTokenAsync(Data.Digest(), Ct)), "Refresh Token: remove reports whether it existed and leaves its access token: RemoveRefreshTokenAsync(Digest()) must be false");
        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
    }
}
