using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>Authorization codes: round trip with and without the optional fields, unknown and expired codes.</summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Code_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.RichCode();

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        var found = await store.FindAuthorizationCodeAsync(digest, Ct);
        RecordAssert.Equal(code, found);
        Assert.Null(found!.RedeemedAt);
    }

    [Fact]
    public async Task Code_RoundTripsWithoutOptionalFields()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code() with
        {
            Scope = [],
            RedirectUri = null,
            RedirectUriSupplied = false,
            CodeChallenge = null,
            CodeChallengeMethod = null,
        };

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        var found = await store.FindAuthorizationCodeAsync(digest, Ct);
        RecordAssert.Equal(code, found);
        Assert.Null(found!.RedirectUri);
        Assert.Null(found.CodeChallenge);
        Assert.Null(found.CodeChallengeMethod);
    }

    [Fact]
    public async Task Code_KeepsARedirectUriThatWasNotSupplied()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code() with { RedirectUri = "https://registered.example.com/cb", RedirectUriSupplied = false, CodeChallengeMethod = "plain" };

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        var found = await store.FindAuthorizationCodeAsync(digest, Ct);
        RecordAssert.Equal(code, found);
        Assert.False(found!.RedirectUriSupplied);
    }

    [Fact]
    public async Task Code_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveAuthorizationCodeAsync(digest, Data.Code(), Ct);

        Assert.Null(await store.FindAuthorizationCodeAsync(Data.Digest(), Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(Data.Neighbour(digest), Ct));
    }

    [Fact]
    public async Task Code_ExpiredAtSaveIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code() with { IssuedAt = Data.Now.AddMinutes(-20), ExpiresAt = Data.Now.AddMinutes(-10) };

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        Assert.Null(await store.FindAuthorizationCodeAsync(digest, Ct));
    }

    [Fact]
    public async Task Code_IsNotAnAccessOrRefreshToken()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveAuthorizationCodeAsync(digest, Data.Code(), Ct);

        Assert.Null(await store.FindAccessTokenAsync(digest, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(digest, Ct));
        Assert.Equal(Tokens.RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(digest, Data.Now, Ct)).Status);
    }
}
