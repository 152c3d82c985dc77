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
        Rule.Absent(found!.RedeemedAt, "Code: round trips every field: found!.RedeemedAt must be null");
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
        Rule.Absent(found!.RedirectUri, "Code: round trips without optional fields: found!.RedirectUri must be null");
        Rule.Absent(found.CodeChallenge, "Code: round trips without optional fields: found.CodeChallenge must be null");
        Rule.Absent(found.CodeChallengeMethod, "Code: round trips without optional fields: found.CodeChallengeMethod must be null");
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
        Rule.True(!(found!.RedirectUriSupplied), "Code: keeps a redirect uri that was not supplied: found!.RedirectUriSupplied must be false");
    }

    [Fact]
    public async Task Code_UnknownDigestIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveAuthorizationCodeAsync(digest, Data.Code(), Ct);

        Rule.Absent(await store.FindAuthorizationCodeAsync(Data.Digest(), Ct), "Code: unknown digest is not found: FindAuthorizationCodeAsync(Digest()) must be null");
        Rule.Absent(await store.FindAuthorizationCodeAsync(Data.Neighbour(digest), Ct), "Code: unknown digest is not found: FindAuthorizationCodeAsync(Neighbour(digest)) must be null");
    }

    [Fact]
    public async Task Code_ExpiredAtSaveIsNotFound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code() with { IssuedAt = Data.Now.AddMinutes(-20), ExpiresAt = Data.Now.AddMinutes(-10) };

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        Rule.Absent(await store.FindAuthorizationCodeAsync(digest, Ct), "Code: expired at save is not found: FindAuthorizationCodeAsync(digest) must be null");
    }

    [Fact]
    public async Task Code_IsNotAnAccessOrRefreshToken()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        await store.SaveAuthorizationCodeAsync(digest, Data.Code(), Ct);

        Rule.Absent(await store.FindAccessTokenAsync(digest, Ct), "Code: is not an access or refresh token: FindAccessTokenAsync(digest) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(digest, Ct), "Code: is not an access or refresh token: FindRefreshTokenAsync(digest) must be null");
        Rule.Same(Tokens.RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(digest, Data.Now, Ct)).Status, "Code: is not an access or refresh token: (RedeemRefreshTokenAsync(digest, Now)).Status");
    }

    [Fact]
    public async Task Code_KeepsItsDpopJktThroughRedemption()
    {
        // RFC 9449 section 10: the thumbprint the code is bound to must come back, before and after the redemption.
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.RichCode() with { DpopJkt = Thumbprint };

        await store.SaveAuthorizationCodeAsync(digest, code, Ct);

        var found = await store.FindAuthorizationCodeAsync(digest, Ct);
        RecordAssert.Equal(code, found);
        Rule.Same(Thumbprint, found!.DpopJkt, "Code: keeps its dpop_jkt (RFC 9449 section 10)");
        Rule.Status(Tokens.RedemptionStatus.Redeemed, await store.RedeemAuthorizationCodeAsync(digest, Data.Now, Ct), "Code: a code bound by dpop_jkt is redeemable");
        Rule.Same(Thumbprint, Rule.Found(await store.FindAuthorizationCodeAsync(digest, Ct), "Code: redeemed bound code found").DpopJkt, "Code: a redeemed code keeps its dpop_jkt");
    }

    [Fact]
    public async Task Code_WithoutDpopJktReadsBackUnbound()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();

        await store.SaveAuthorizationCodeAsync(digest, Data.Code(), Ct);

        Rule.Absent(Rule.Found(await store.FindAuthorizationCodeAsync(digest, Ct), "Code: unbound code found").DpopJkt, "Code: a code saved without dpop_jkt comes back unbound (null)");
    }
}
