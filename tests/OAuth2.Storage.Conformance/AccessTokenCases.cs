using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>Access tokens: round trip, lookups by exact digest, expiry at save, saving with or without a refresh token, removal.</summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task AccessToken_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.RichAccessToken();

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        RecordAssert.Equal(token, await store.FindAccessTokenAsync(digest, Ct));
    }

    [Fact]
    public async Task AccessToken_RoundTripsEmptyCollections()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.AccessToken() with { Scope = [], ExtendedAttributes = new Dictionary<string, string>() };

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        var found = await store.FindAccessTokenAsync(digest, Ct);
        RecordAssert.Equal(token, found);
        Assert.Empty(found!.Scope);
        Assert.Empty(found.ExtendedAttributes);
        Assert.Empty(found.User.Properties);
    }

    [Fact]
    public async Task AccessToken_NonUtcOffsetsComeBackAsTheSameInstant()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var issued = new DateTimeOffset(2031, 3, 30, 1, 59, 59, 999, TimeSpan.FromHours(14));
        var token = Data.AccessToken() with { IssuedAt = issued, ExpiresAt = Data.Now.AddHours(2).ToOffset(TimeSpan.FromHours(-12)) };

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        var found = await store.FindAccessTokenAsync(digest, Ct);
        RecordAssert.Equal(token, found);
        Assert.Equal(issued.UtcDateTime, found!.IssuedAt.UtcDateTime);
    }

    [Fact]
    public async Task AccessToken_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveTokensAsync(digest, Data.AccessToken(), null, null, Ct);

        Assert.Null(await store.FindAccessTokenAsync(Data.Digest(), Ct));
    }

    [Fact]
    public async Task AccessToken_LookupIsByTheWholeDigest()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveTokensAsync(digest, Data.AccessToken(), null, null, Ct);

        // Differs in the last byte only: a store keyed by a prefix or a hash code of the digest would confuse them.
        Assert.Null(await store.FindAccessTokenAsync(Data.Neighbour(digest), Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(TokenDigest.FromBytes(digest.ToArray()), Ct));
    }

    [Fact]
    public async Task AccessToken_ExpiredAtSaveIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.AccessToken() with { IssuedAt = Data.Now.AddHours(-2), ExpiresAt = Data.Now.AddMinutes(-1) };

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        Assert.Null(await store.FindAccessTokenAsync(digest, Ct));
    }

    [Fact]
    public async Task AccessToken_SavedWithoutRefreshTokenStandsAlone()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.AccessToken();

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        RecordAssert.Equal(token, await store.FindAccessTokenAsync(digest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(digest, Ct));
    }

    [Fact]
    public async Task AccessToken_SavedWithRefreshTokenBothAreFound()
    {
        var store = await NewStoreAsync();
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access);

        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        RecordAssert.Equal(access, await store.FindAccessTokenAsync(accessDigest, Ct));
        RecordAssert.Equal(refresh, await store.FindRefreshTokenAsync(refreshDigest, Ct));
        Assert.Null(await store.FindAccessTokenAsync(refreshDigest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(accessDigest, Ct));
    }

    [Fact]
    public async Task AccessToken_RemoveReportsWhetherItExistedAndLeavesItsRefreshToken()
    {
        var store = await NewStoreAsync();
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access);
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, refresh, Ct);

        Assert.True(await store.RemoveAccessTokenAsync(accessDigest, Ct));
        Assert.Null(await store.FindAccessTokenAsync(accessDigest, Ct));
        Assert.False(await store.RemoveAccessTokenAsync(accessDigest, Ct));
        Assert.False(await store.RemoveAccessTokenAsync(Data.Digest(), Ct));
        RecordAssert.Equal(refresh, await store.FindRefreshTokenAsync(refreshDigest, Ct));
    }
}
