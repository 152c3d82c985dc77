using OAuth2.Tokens;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// Atomic single use under real contention: callers are started on the thread pool and held at a gate until all of
/// them are waiting, then released together, so a get-then-set store lets several of them win.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    /// <summary>How many callers race for one item.</summary>
    protected const int ConcurrentCallers = 64;

    [Fact]
    public async Task Code_ExactlyOneOfManyConcurrentRedemptionsWins()
    {
        var store = await NewStoreAsync();
        var digest = Data.Digest();
        var code = Data.Code();
        await store.SaveAuthorizationCodeAsync(digest, code, Ct);
        // Warm up (JIT, connection pool, timers) on another code, or the first callers run before the rest start.
        var warmUp = Data.Digest();
        await store.SaveAuthorizationCodeAsync(warmUp, Data.Code(), Ct);
        await RaceAsync(2, _ => store.RedeemAuthorizationCodeAsync(warmUp, Data.Now, Ct));
        var start = Data.Now;

        var results = await RaceAsync(ConcurrentCallers, i => store.RedeemAuthorizationCodeAsync(digest, start.AddMilliseconds(i), Ct));

        var winnerTime = AssertOneWinner(results, code.GrantId, start);
        RecordAssert.Instant(winnerTime, Rule.Found(await store.FindAuthorizationCodeAsync(digest, Ct), "FindAuthorizationCodeAsync(digest) must be found").RedeemedAt, "AuthorizationCode.RedeemedAt (the winner's time)");
    }

    [Fact]
    public async Task RefreshToken_ExactlyOneOfManyConcurrentRedemptionsWins()
    {
        var store = await NewStoreAsync();
        var refreshDigest = Data.Digest();
        var access = Data.AccessToken();
        var refresh = Data.RefreshTokenFor(access);
        await store.SaveTokensAsync(Data.Digest(), access, refreshDigest, refresh, Ct);
        var warmUp = Data.Digest();
        await store.SaveTokensAsync(Data.Digest(), access, warmUp, refresh, Ct);
        await RaceAsync(2, _ => store.RedeemRefreshTokenAsync(warmUp, Data.Now, Ct));
        var start = Data.Now;

        var results = await RaceAsync(ConcurrentCallers, i => store.RedeemRefreshTokenAsync(refreshDigest, start.AddMilliseconds(i), Ct));

        var winnerTime = AssertOneWinner(results, refresh.GrantId, start);
        RecordAssert.Instant(winnerTime, Rule.Found(await store.FindRefreshTokenAsync(refreshDigest, Ct), "FindRefreshTokenAsync(refreshDigest) must be found").RedeemedAt, "RefreshToken.RedeemedAt (the winner's time)");
    }

    [Fact]
    public async Task ConcurrentRedemptionsOfDifferentItemsAllWin()
    {
        var store = await NewStoreAsync();
        var digests = Enumerable.Range(0, ConcurrentCallers).Select(_ => Data.Digest()).ToArray();
        foreach (var digest in digests)
        {
            await store.SaveAuthorizationCodeAsync(digest, Data.Code(), Ct);
        }

        var results = await RaceAsync(ConcurrentCallers, i => store.RedeemAuthorizationCodeAsync(digests[i], Data.Now, Ct));

        Rule.Each(results, result => result.Status == RedemptionStatus.Redeemed, $"Atomicity: {ConcurrentCallers} concurrent redemptions of {ConcurrentCallers} different codes must all win");
    }

    [Fact]
    public async Task ConcurrentSavesAreAllKept()
    {
        var store = await NewStoreAsync();
        var grantId = Data.Id("grant");
        var pairs = Enumerable.Range(0, ConcurrentCallers)
            .Select(_ => (Access: Data.Digest(), Refresh: Data.Digest(), Code: Data.Digest(), Client: Data.Client()))
            .ToArray();

        await RaceAsync(ConcurrentCallers, async i =>
        {
            var access = Data.AccessToken(grantId);
            await store.SaveTokensAsync(pairs[i].Access, access, pairs[i].Refresh, Data.RefreshTokenFor(access), Ct);
            await store.SaveAuthorizationCodeAsync(pairs[i].Code, Data.Code(grantId), Ct);
            await store.SaveClientAsync(pairs[i].Client, Ct);
            return true;
        });

        foreach (var pair in pairs)
        {
            Rule.Found(await store.FindAccessTokenAsync(pair.Access, Ct), "Concurrent Saves Are All Kept: FindAccessTokenAsync(pair.Access) must be found");
            Rule.Found(await store.FindRefreshTokenAsync(pair.Refresh, Ct), "Concurrent Saves Are All Kept: FindRefreshTokenAsync(pair.Refresh) must be found");
            Rule.Found(await store.FindAuthorizationCodeAsync(pair.Code, Ct), "Concurrent Saves Are All Kept: FindAuthorizationCodeAsync(pair.Code) must be found");
            Rule.Found(await store.FindClientAsync(pair.Client.Id, Ct), "Concurrent Saves Are All Kept: FindClientAsync(pair.Client.Id) must be found");
        }

        // Every concurrently saved member of the grant is known to the family.
        Rule.Same(2 * ConcurrentCallers, await store.RevokeTokensOfGrantAsync(grantId, Ct), "Concurrent Saves Are All Kept: RevokeTokensOfGrantAsync(grantId)");
        Rule.Same(ConcurrentCallers, await store.RevokeCodesOfGrantAsync(grantId, Ct), "Concurrent Saves Are All Kept: RevokeCodesOfGrantAsync(grantId)");
    }

    /// <summary>Runs <paramref name="callers"/> calls on the thread pool, released together once all are waiting.</summary>
    protected static Task<T[]> RaceAsync<T>(int callers, Func<int, ValueTask<T>> call)
        => Race.AllAtOnceAsync(callers, call, Ct);

    /// <summary>Asserts one winner and that every loser saw a replay of it; returns the winner's redemption time.</summary>
    private static DateTimeOffset AssertOneWinner(RedemptionResult[] results, string grantId, DateTimeOffset start)
    {
        var winners = results.Count(r => r.Status == RedemptionStatus.Redeemed);
        Assert.True(winners == 1, $"Exactly one of {results.Length} concurrent redemptions must win; {winners} did.");
        var winnerTime = start.AddMilliseconds(Array.FindIndex(results, r => r.Won));
        Rule.Each(
            results.Where(r => !r.Won),
            loser => loser.Status == RedemptionStatus.AlreadyRedeemed
                && string.Equals(loser.GrantId, grantId, StringComparison.Ordinal)
                && loser.RedeemedAt is { } at
                && Math.Abs((at - winnerTime).Ticks) < TimeSpan.TicksPerMillisecond,
            $"Atomicity: every loser of a race sees a replay (AlreadyRedeemed) of the winner's redemption, with grant {grantId} and the winner's time {Rule.At(winnerTime)}");
        return winnerTime;
    }
}
