using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// DPoP (RFC 9449): the key thumbprint a token is bound to (<c>cnf.jkt</c>) and a client's
/// <c>dpop_bound_access_tokens</c> survive a round trip, a rotation, and are absent when never set.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    // An RFC 7638 SHA-256 thumbprint: 43 base64url characters.
    private const string Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    [Fact]
    public async Task Dpop_AccessTokenKeepsItsKeyThumbprint()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var token = Data.RichAccessToken() with { JwkThumbprint = Thumbprint };

        await store.SaveTokensAsync(digest, token, null, null, Ct);

        var found = await store.FindAccessTokenAsync(digest, Ct);
        RecordAssert.Equal(token, found);
        Rule.Same(Thumbprint, found!.JwkThumbprint, "DPoP: an access token keeps its cnf.jkt (RFC 9449 section 6)");
    }

    [Fact]
    public async Task Dpop_BearerAccessTokenHasNoThumbprint()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();

        await store.SaveTokensAsync(digest, Data.AccessToken(), null, null, Ct);

        Rule.Absent(Rule.Found(await store.FindAccessTokenAsync(digest, Ct), "DPoP: bearer access token found").JwkThumbprint, "DPoP: a bearer access token comes back unbound (null cnf.jkt)");
    }

    [Fact]
    public async Task Dpop_RefreshTokenKeepsItsKeyThumbprintThroughRedemption()
    {
        var store = await NewStoreAsync();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken() with { JwkThumbprint = Thumbprint };
        var refresh = Data.RefreshTokenFor(access) with { JwkThumbprint = Thumbprint };

        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, refresh, Ct);
        RecordAssert.Equal(refresh, await store.FindRefreshTokenAsync(refreshDigest, Ct));

        var redemption = await store.RedeemRefreshTokenAsync(refreshDigest, Data.Now, Ct);
        Rule.Status(Tokens.RedemptionStatus.Redeemed, redemption, "DPoP: a bound refresh token redeems like any other");
        var redeemed = await store.FindRefreshTokenAsync(refreshDigest, Ct);
        Rule.Same(Thumbprint, Rule.Found(redeemed, "DPoP: redeemed refresh token found").JwkThumbprint, "DPoP: a redeemed refresh token keeps its binding (RFC 9449 section 5)");
    }

    [Fact]
    public async Task Dpop_UnboundRefreshTokenHasNoThumbprint()
    {
        var store = await NewStoreAsync();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();

        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, Data.RefreshTokenFor(access), Ct);

        Rule.Absent(Rule.Found(await store.FindRefreshTokenAsync(refreshDigest, Ct), "DPoP: unbound refresh token found").JwkThumbprint, "DPoP: an unbound refresh token comes back with a null thumbprint");
    }

    [Fact]
    public async Task Dpop_ClientKeepsDpopBoundAccessTokens()
    {
        var store = await NewStoreAsync();
        var client = Data.RichClient() with { DpopBoundAccessTokens = true };

        await store.SaveClientAsync(client, Ct);

        var found = await store.FindClientAsync(client.Id, Ct);
        RecordAssert.Equal(client, found);
        Rule.True(found!.DpopBoundAccessTokens, "DPoP: dpop_bound_access_tokens survives a round trip (RFC 9449 section 5.2)");

        await store.SaveClientAsync(client with { DpopBoundAccessTokens = false }, Ct);
        Rule.True(!Rule.Found(await store.FindClientAsync(client.Id, Ct), "DPoP: client found").DpopBoundAccessTokens, "DPoP: dpop_bound_access_tokens can be switched off again");
    }
}
