using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Family revocation: revoking a grant removes every access token, refresh token (rotated ones included) or code of
/// that grant, and nothing of any other grant, even one of the same client and user or with a similar id.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task RevokeTokensOfGrant_RemovesTheWholeFamilyAndNothingElse()
    {
        var store = await NewStoreAsync();
        var client = Data.Id("client");
        var user = Data.User();
        var family = Data.Id("grant");
        var neighbour = Data.Id("grant");

        // The family: a first pair whose refresh token was rotated, and the pair that replaced it.
        var (access1, refresh1) = await SavePairAsync(store, family, client, user);
        await store.RedeemRefreshTokenAsync(refresh1, Data.Now, Ct);
        var (access2, refresh2) = await SavePairAsync(store, family, client, user);
        // Same client and user, another grant.
        var (otherAccess, otherRefresh) = await SavePairAsync(store, neighbour, client, user);

        var removed = await store.RevokeTokensOfGrantAsync(family, Ct);

        Rule.Same(4, removed, "Revoke Tokens Of Grant: removes the whole family and nothing else: removed");
        Rule.Absent(await store.FindAccessTokenAsync(access1, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: FindAccessTokenAsync(access1) must be null");
        Rule.Absent(await store.FindAccessTokenAsync(access2, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: FindAccessTokenAsync(access2) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(refresh1, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: FindRefreshTokenAsync(refresh1) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(refresh2, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: FindRefreshTokenAsync(refresh2) must be null");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(refresh2, Data.Now, Ct)).Status, "Revoke Tokens Of Grant: removes the whole family and nothing else: (RedeemRefreshTokenAsync(refresh2, Now)).Status");
        Rule.Found(await store.FindAccessTokenAsync(otherAccess, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: FindAccessTokenAsync(otherAccess) must be found");
        Rule.Found(await store.FindRefreshTokenAsync(otherRefresh, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: FindRefreshTokenAsync(otherRefresh) must be found");
        Rule.Same(0, await store.RevokeTokensOfGrantAsync(family, Ct), "Revoke Tokens Of Grant: removes the whole family and nothing else: RevokeTokensOfGrantAsync(family)");
    }

    [Fact]
    public async Task RevokeTokensOfGrant_RemovesAnAccessTokenSavedWithoutRefreshToken()
    {
        var store = await NewStoreAsync();
        var family = Data.Id("grant");
        var digest = Data.Digest();
        await store.SaveTokensAsync(digest, Data.AccessToken(family), null, null, Ct);

        Rule.Same(1, await store.RevokeTokensOfGrantAsync(family, Ct), "Revoke Tokens Of Grant: removes an access token saved without refresh token: RevokeTokensOfGrantAsync(family)");
        Rule.Absent(await store.FindAccessTokenAsync(digest, Ct), "Revoke Tokens Of Grant: removes an access token saved without refresh token: FindAccessTokenAsync(digest) must be null");
    }

    [Fact]
    public async Task RevokeCodesOfGrant_RemovesTheFamilysCodesAndNothingElse()
    {
        var store = await NewStoreAsync();
        var client = Data.Id("client");
        var user = Data.User();
        var family = Data.Id("grant");
        var redeemed = Data.Digest();
        var pending = Data.Digest();
        var other = Data.Digest();
        await store.SaveAuthorizationCodeAsync(redeemed, Data.Code(family, client, user), Ct);
        await store.RedeemAuthorizationCodeAsync(redeemed, Data.Now, Ct);
        await store.SaveAuthorizationCodeAsync(pending, Data.Code(family, client, user), Ct);
        await store.SaveAuthorizationCodeAsync(other, Data.Code(Data.Id("grant"), client, user), Ct);

        Rule.Same(2, await store.RevokeCodesOfGrantAsync(family, Ct), "Revoke Codes Of Grant: removes the familys codes and nothing else: RevokeCodesOfGrantAsync(family)");

        Rule.Absent(await store.FindAuthorizationCodeAsync(redeemed, Ct), "Revoke Codes Of Grant: removes the familys codes and nothing else: FindAuthorizationCodeAsync(redeemed) must be null");
        Rule.Absent(await store.FindAuthorizationCodeAsync(pending, Ct), "Revoke Codes Of Grant: removes the familys codes and nothing else: FindAuthorizationCodeAsync(pending) must be null");
        Rule.Same(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(pending, Data.Now, Ct)).Status, "Revoke Codes Of Grant: removes the familys codes and nothing else: (RedeemAuthorizationCodeAsync(pending, Now)).Status");
        Rule.Found(await store.FindAuthorizationCodeAsync(other, Ct), "Revoke Codes Of Grant: removes the familys codes and nothing else: FindAuthorizationCodeAsync(other) must be found");
        Rule.Same(0, await store.RevokeCodesOfGrantAsync(family, Ct), "Revoke Codes Of Grant: removes the familys codes and nothing else: RevokeCodesOfGrantAsync(family)");
    }

    [Fact]
    public async Task RevokeOfGrant_MatchesTheGrantIdExactly()
    {
        var store = await NewStoreAsync();
        var guid = Guid.NewGuid().ToString("N");
        // The id carries LIKE and glob wildcards; the lookalikes are what a case-insensitive comparison, a prefix
        // match or an unescaped pattern (LIKE 'g_…%*', SCAN g_…%*) would also hit.
        var family = $"g_{guid}%*";
        string[] lookalikes = [family.ToUpperInvariant(), $"gX{guid}%*", $"g_{guid}%X", $"g_{guid}%", family + "tail"];
        var lookalikeTokens = new List<(TokenDigest Access, TokenDigest Refresh, TokenDigest Code)>();
        foreach (var lookalike in lookalikes)
        {
            var (access, refresh) = await SavePairAsync(store, lookalike, Data.Id("client"), Data.User());
            var code = Data.Digest();
            await store.SaveAuthorizationCodeAsync(code, Data.Code(lookalike), Ct);
            lookalikeTokens.Add((access, refresh, code));
        }

        await SavePairAsync(store, family, Data.Id("client"), Data.User());
        await store.SaveAuthorizationCodeAsync(Data.Digest(), Data.Code(family), Ct);

        Rule.Same(2, await store.RevokeTokensOfGrantAsync(family, Ct), "Revoke Of Grant: matches the grant id exactly: RevokeTokensOfGrantAsync(family)");
        Rule.Same(1, await store.RevokeCodesOfGrantAsync(family, Ct), "Revoke Of Grant: matches the grant id exactly: RevokeCodesOfGrantAsync(family)");
        foreach (var (access, refresh, code) in lookalikeTokens)
        {
            Rule.Found(await store.FindAccessTokenAsync(access, Ct), "Revoke Of Grant: matches the grant id exactly: FindAccessTokenAsync(access) must be found");
            Rule.Found(await store.FindRefreshTokenAsync(refresh, Ct), "Revoke Of Grant: matches the grant id exactly: FindRefreshTokenAsync(refresh) must be found");
            Rule.Found(await store.FindAuthorizationCodeAsync(code, Ct), "Revoke Of Grant: matches the grant id exactly: FindAuthorizationCodeAsync(code) must be found");
        }
    }

    [Fact]
    public async Task RevokeOfUnknownGrant_RemovesNothing()
    {
        var store = await NewStoreAsync();
        var (access, refresh) = await SavePairAsync(store, Data.Id("grant"), Data.Id("client"), Data.User());
        var code = Data.Digest();
        await store.SaveAuthorizationCodeAsync(code, Data.Code(), Ct);

        Rule.Same(0, await store.RevokeTokensOfGrantAsync(Data.Id("unknown"), Ct), "Revoke Of Unknown Grant: removes nothing: RevokeTokensOfGrantAsync(Id('unknown'))");
        Rule.Same(0, await store.RevokeCodesOfGrantAsync(Data.Id("unknown"), Ct), "Revoke Of Unknown Grant: removes nothing: RevokeCodesOfGrantAsync(Id('unknown'))");
        Rule.Found(await store.FindAccessTokenAsync(access, Ct), "Revoke Of Unknown Grant: removes nothing: FindAccessTokenAsync(access) must be found");
        Rule.Found(await store.FindRefreshTokenAsync(refresh, Ct), "Revoke Of Unknown Grant: removes nothing: FindRefreshTokenAsync(refresh) must be found");
        Rule.Found(await store.FindAuthorizationCodeAsync(code, Ct), "Revoke Of Unknown Grant: removes nothing: FindAuthorizationCodeAsync(code) must be found");
    }

    /// <summary>Saves an access and refresh token pair of one grant; returns their digests.</summary>
    private async Task<(TokenDigest Access, TokenDigest Refresh)> SavePairAsync(IOAuth2Store store, string grantId, string clientId, OAuth2User user)
    {
        var accessDigest = Data.Digest();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken(grantId, clientId, user);
        await store.SaveTokensAsync(accessDigest, access, refreshDigest, Data.RefreshTokenFor(access), Ct);
        return (accessDigest, refreshDigest);
    }
}
