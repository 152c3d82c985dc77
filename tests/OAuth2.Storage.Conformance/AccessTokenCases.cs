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
        Rule.Empty(found!.Scope, "Access Token: round trips empty collections: found!.Scope must be empty");
        Rule.Empty(found.ExtendedAttributes, "Access Token: round trips empty collections: found.ExtendedAttributes must be empty");
        Rule.Empty(found.User.Properties, "Access Token: round trips empty collections: found.User.Properties must be empty");
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
        Rule.Same(issued.UtcDateTime, found!.IssuedAt.UtcDateTime, "Access Token: non utc offsets come back as the same instant: found!.IssuedAt.UtcDateTime");
    }

    [Fact]
    public async Task AccessToken_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveTokensAsync(digest, Data.AccessToken(), null, null, Ct);

        Rule.Absent(await store.FindAccessTokenAsync(Data.Digest(), Ct), "Access Token: unknown digest is not found: FindAccessTokenAsync(Digest()) must be null");
    }

    [Fact]
    public async Task AccessToken_LookupIsByTheWholeDigest()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveTokensAsync(digest, Data.AccessToken(), null, null, Ct);

        // Differs in the last byte only: a store keyed by a prefix or a hash code of the digest would confuse them.
        Rule.Absent(await store.FindAccessTokenAsync(Data.Neighbour(digest), Ct), "Access Token: lookup is by the whole digest: FindAccessTokenAsync(Neighbour(digest)) must be null");
        Rule.Found(await store.FindAccessTokenAsync(TokenDigest.FromBytes(digest.ToArray()), Ct), "Access Token: lookup is by the whole digest: FindAccessTokenAsync(TokenDigest.FromBytes(digest.ToArray())) must be found");
    }

    [Fact]
    public async Task AccessToken_ExpiredAtSaveIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.AccessToken() with { IssuedAt = Data.Now.AddHours(-2), ExpiresAt = Data.Now.AddMinutes(-1) };

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        Rule.Absent(await store.FindAccessTokenAsync(digest, Ct), "Access Token: expired at save is not found: FindAccessTokenAsync(digest) must be null");
    }

    [Fact]
    public async Task AccessToken_SavedWithoutRefreshTokenStandsAlone()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.AccessToken();

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        RecordAssert.Equal(token, await store.FindAccessTokenAsync(digest, Ct));
        Rule.Absent(await store.FindRefreshTokenAsync(digest, Ct), "Access Token: saved without refresh token stands alone: FindRefreshTokenAsync(digest) must be null");
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
        Rule.Absent(await store.FindAccessTokenAsync(refreshDigest, Ct), "Access Token: saved with refresh token both are found: FindAccessTokenAsync(refreshDigest) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(accessDigest, Ct), "Access Token: saved with refresh token both are found: FindRefreshTokenAsync(accessDigest) must be null");
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
        Rule.Absent(await store.FindAccessTokenAsync(accessDigest, Ct), "Access Token: remove reports whether it existed and leaves its refresh token: FindAccessTokenAsync(accessDigest) must be null");
        Rule.True(!(await store.RemoveAccessTokenAsync(accessDigest, Ct)), "Access Token: remove reports whether it existed and leaves its refresh token: RemoveAccessTokenAsync(accessDigest) must be false");
        Rule.True(!(await store.RemoveAccessTokenAsync(Data.Digest(), Ct)), "Access Token: remove reports whether it existed and leaves its refresh token: RemoveAccessTokenAsync(Digest()) must be false");
        RecordAssert.Equal(refresh, await store.FindRefreshTokenAsync(refreshDigest, Ct));
    }
}
