using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Client revocation (RFC 7592 section 2.3): revoking a client removes every access and refresh token issued to it,
/// over all its grants (rotated and never-expiring refresh tokens included), and nothing of any other client, even one
/// whose token shares a grant with it or whose id differs only in case or by a suffix.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task RevokeTokensOfClient_RemovesEveryTokenOfTheClientAndNothingElse()
    {
        const string rule = "Revoke Tokens Of Client: removes every token of the client and nothing else";
        var store = await NewStoreAsync();
        var clientA = Data.Id("client");
        var clientB = Data.Id("client");
        var user = Data.User();
        var shared = Data.Id("grant");

        // Client A: a grant whose refresh token was rotated, a second grant, a client-credentials token (no refresh
        // token) and a refresh token that never expires.
        var (a1, r1) = await SavePairAsync(store, shared, clientA, user);
        await store.RedeemRefreshTokenAsync(r1, Data.Now, Ct);
        var (a2, r2) = await SavePairAsync(store, shared, clientA, user);
        var (a3, r3) = await SavePairAsync(store, Data.Id("grant"), clientA, Data.User());
        var a4 = Data.Digest();
        await store.SaveTokensAsync(a4, Data.AccessToken(Data.Id("grant"), clientA), null, null, Ct);
        var a5 = Data.Digest();
        var r5 = Data.Digest();
        var forever = Data.AccessToken(Data.Id("grant"), clientA, user);
        await store.SaveTokensAsync(a5, forever, r5, Data.RefreshTokenFor(forever) with { ExpiresAt = null }, Ct);
        TokenDigest[] accessOfA = [a1, a2, a3, a4, a5];
        TokenDigest[] refreshOfA = [r1, r2, r3, r5];

        // Not client A: client B (one of its grants, and a token in A's grant, as a token exchange issues), and
        // clients whose ids a case-insensitive, prefix or LIKE match would take for A's.
        var (b1, rb1) = await SavePairAsync(store, Data.Id("grant"), clientB, user);
        var (b2, rb2) = await SavePairAsync(store, shared, clientB, user);
        var others = new List<(TokenDigest Access, TokenDigest Refresh)> { (b1, rb1), (b2, rb2) };
        foreach (var lookalike in new[] { clientA.ToUpperInvariant(), clientA + "tail", clientA[..^1], clientA[..^1] + "%" })
        {
            others.Add(await SavePairAsync(store, Data.Id("grant"), lookalike, user));
        }

        Rule.Same(accessOfA.Length + refreshOfA.Length, await store.RevokeTokensOfClientAsync(clientA, Ct), $"{rule}: RevokeTokensOfClientAsync(clientA)");

        foreach (var access in accessOfA)
        {
            Rule.Absent(await store.FindAccessTokenAsync(access, Ct), $"{rule}: FindAccessTokenAsync(an access token of A) must be null");
        }

        foreach (var refresh in refreshOfA)
        {
            Rule.Absent(await store.FindRefreshTokenAsync(refresh, Ct), $"{rule}: FindRefreshTokenAsync(a refresh token of A) must be null");
            Rule.Same(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(refresh, Data.Now, Ct)).Status, $"{rule}: (RedeemRefreshTokenAsync(a refresh token of A, Now)).Status");
        }

        foreach (var (access, refresh) in others)
        {
            Rule.Found(await store.FindAccessTokenAsync(access, Ct), $"{rule}: FindAccessTokenAsync(another client's access token) must be found");
            Rule.Found(await store.FindRefreshTokenAsync(refresh, Ct), $"{rule}: FindRefreshTokenAsync(another client's refresh token) must be found");
        }

        Rule.Same(0, await store.RevokeTokensOfClientAsync(clientA, Ct), $"{rule}: a second RevokeTokensOfClientAsync(clientA)");
    }

    [Fact]
    public async Task RevokeTokensOfClient_TheClientsLaterTokensAreRevokedAgain()
    {
        const string rule = "Revoke Tokens Of Client: a token saved after a revocation is revoked by the next one";
        var store = await NewStoreAsync();
        var client = Data.Id("client");
        await SavePairAsync(store, Data.Id("grant"), client, Data.User());
        Rule.Same(2, await store.RevokeTokensOfClientAsync(client, Ct), $"{rule}: first RevokeTokensOfClientAsync(client)");

        var (access, refresh) = await SavePairAsync(store, Data.Id("grant"), client, Data.User());
        Rule.Found(await store.FindAccessTokenAsync(access, Ct), $"{rule}: FindAccessTokenAsync(later access) must be found before the second revocation");

        Rule.Same(2, await store.RevokeTokensOfClientAsync(client, Ct), $"{rule}: second RevokeTokensOfClientAsync(client)");
        Rule.Absent(await store.FindAccessTokenAsync(access, Ct), $"{rule}: FindAccessTokenAsync(later access) must be null");
        Rule.Absent(await store.FindRefreshTokenAsync(refresh, Ct), $"{rule}: FindRefreshTokenAsync(later refresh) must be null");
    }

    [Fact]
    public async Task RevokeTokensOfClient_OfAnUnknownClientRemovesNothing()
    {
        const string rule = "Revoke Tokens Of Unknown Client: removes nothing";
        var store = await NewStoreAsync();
        var (access, refresh) = await SavePairAsync(store, Data.Id("grant"), Data.Id("client"), Data.User());

        Rule.Same(0, await store.RevokeTokensOfClientAsync(Data.Id("unknown"), Ct), $"{rule}: RevokeTokensOfClientAsync(Id('unknown'))");
        Rule.Found(await store.FindAccessTokenAsync(access, Ct), $"{rule}: FindAccessTokenAsync(access) must be found");
        Rule.Found(await store.FindRefreshTokenAsync(refresh, Ct), $"{rule}: FindRefreshTokenAsync(refresh) must be found");
    }
}
