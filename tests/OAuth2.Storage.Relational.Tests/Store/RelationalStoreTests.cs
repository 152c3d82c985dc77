using Microsoft.Extensions.Time.Testing;
using OAuth2.Storage.Relational.Tests.Fixtures;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>
/// Store-level checks of the relational core against a real engine: round trips, expiry, the single-statement
/// redemption under 64 concurrent callers, family revocation, pruning in batches, the atomic token pair.
/// </summary>
public abstract partial class RelationalStoreTests<TFixture> : IClassFixture<TFixture>
    where TFixture : RelationalStoreFixture
{
    protected RelationalStoreTests(TFixture fixture) => Fixture = fixture;

    protected TFixture Fixture { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Clock { get; } = new(Samples.Now);

    protected ValueTask<RelationalOAuth2Store> NewStoreAsync() => Fixture.CreateRelationalStoreAsync(Clock, Ct);

    [Fact]
    public async Task Clients_round_trip_and_ids_are_case_sensitive()
    {
        var store = await NewStoreAsync();
        var lower = Samples.Client("abc");
        var upper = Samples.Client("ABC") with { Type = Clients.ClientType.Confidential, SecretHash = "hash", Scopes = null, RequirePkce = false };
        await store.SaveClientAsync(lower, Ct);
        await store.SaveClientAsync(upper, Ct);

        AssertClient(lower, await store.FindClientAsync("abc", Ct));
        AssertClient(upper, await store.FindClientAsync("ABC", Ct));
        Assert.Null(await store.FindClientAsync("Abc", Ct));

        var replaced = lower with { Grants = ["client_credentials"], Properties = new Dictionary<string, string>() };
        await store.SaveClientAsync(replaced, Ct);
        AssertClient(replaced, await store.FindClientAsync("abc", Ct));

        Assert.True(await store.RemoveClientAsync("abc", Ct));
        Assert.False(await store.RemoveClientAsync("abc", Ct));
        Assert.Null(await store.FindClientAsync("abc", Ct));
        Assert.NotNull(await store.FindClientAsync("ABC", Ct));
    }

    [Fact]
    public async Task Token_pair_and_code_round_trip_every_field()
    {
        var store = await NewStoreAsync();
        var (a, r, c) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        var access = Samples.Access("g1", Samples.Now.AddMinutes(5));
        var refresh = Samples.Refresh("g1", null);
        var code = Samples.Code("g1", Samples.Now.AddMinutes(1)) with { RedirectUri = null, CodeChallenge = null, CodeChallengeMethod = null, RedirectUriSupplied = false };
        await store.SaveTokensAsync(a, access, r, refresh, Ct);
        await store.SaveAuthorizationCodeAsync(c, code, Ct);

        var foundAccess = await store.FindAccessTokenAsync(a, Ct);
        Assert.NotNull(foundAccess);
        Assert.Equal(access.ClientId, foundAccess.ClientId);
        Assert.Equal(access.User.Id, foundAccess.User.Id);
        Assert.Equal(access.User.Properties, foundAccess.User.Properties);
        Assert.Equal(access.Scope, foundAccess.Scope);
        Assert.Equal(access.IssuedAt, foundAccess.IssuedAt);
        Assert.Equal(access.ExpiresAt, foundAccess.ExpiresAt);
        Assert.Equal(access.GrantId, foundAccess.GrantId);
        Assert.Equal(access.ExtendedAttributes, foundAccess.ExtendedAttributes);

        var foundRefresh = await store.FindRefreshTokenAsync(r, Ct);
        Assert.NotNull(foundRefresh);
        Assert.Null(foundRefresh.ExpiresAt);
        Assert.Null(foundRefresh.RedeemedAt);
        Assert.Empty(foundRefresh.Scope);
        Assert.Equal(refresh.User.Properties, foundRefresh.User.Properties);

        var foundCode = await store.FindAuthorizationCodeAsync(c, Ct);
        Assert.NotNull(foundCode);
        Assert.Equal(code with { User = foundCode.User, Scope = foundCode.Scope, Resources = foundCode.Resources }, foundCode);
        Assert.Equal(code.Resources, foundCode.Resources);
        Assert.Equal(code.Scope, foundCode.Scope);

        var full = Samples.Code("g2", Samples.Now.AddMinutes(1));
        var fullDigest = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(fullDigest, full, Ct);
        var foundFull = await store.FindAuthorizationCodeAsync(fullDigest, Ct);
        Assert.NotNull(foundFull);
        Assert.Equal(full with { User = foundFull.User, Scope = foundFull.Scope, Resources = foundFull.Resources }, foundFull);
    }

    [Fact]
    public async Task Finds_never_return_expired_items()
    {
        var store = await NewStoreAsync();
        var (a, r, c) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        await store.SaveTokensAsync(a, Samples.Access("g", Samples.Now.AddSeconds(10)), r, Samples.Refresh("g", Samples.Now.AddSeconds(20)), Ct);
        await store.SaveAuthorizationCodeAsync(c, Samples.Code("g", Samples.Now.AddSeconds(10)), Ct);
        var stale = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(stale, Samples.Code("g", Samples.Now.AddSeconds(-1)), Ct);

        Assert.NotNull(await store.FindAccessTokenAsync(a, Ct));
        Assert.NotNull(await store.FindAuthorizationCodeAsync(c, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(stale, Ct));

        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await store.FindAccessTokenAsync(a, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(c, Ct));
        Assert.NotNull(await store.FindRefreshTokenAsync(r, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(c, Clock.GetUtcNow(), Ct)).Status);

        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await store.FindRefreshTokenAsync(r, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(r, Clock.GetUtcNow(), Ct)).Status);
    }

    [Fact]
    public async Task Redemption_reports_winner_replay_and_unknown()
    {
        var store = await NewStoreAsync();
        var code = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(code, Samples.Code("grant-7", Samples.Now.AddMinutes(1)), Ct);
        var first = Samples.Now.AddSeconds(1);

        var won = await store.RedeemAuthorizationCodeAsync(code, first, Ct);
        var replay = await store.RedeemAuthorizationCodeAsync(code, first.AddSeconds(5), Ct);
        var unknown = await store.RedeemAuthorizationCodeAsync(Samples.Digest("never issued"), first, Ct);

        Assert.Equal(new RedemptionResult(RedemptionStatus.Redeemed, "grant-7", first), won);
        Assert.Equal(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, "grant-7", first), replay);
        Assert.Equal(RedemptionResult.NotFound, unknown);
        Assert.Equal(first, (await store.FindAuthorizationCodeAsync(code, Ct))?.RedeemedAt);

        var refresh = Samples.Digest(Samples.NewToken());
        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("grant-8", Samples.Now.AddMinutes(1)), refresh, Samples.Refresh("grant-8", null), Ct);
        Assert.Equal(new RedemptionResult(RedemptionStatus.Redeemed, "grant-8", first), await store.RedeemRefreshTokenAsync(refresh, first, Ct));
        Assert.Equal(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, "grant-8", first), await store.RedeemRefreshTokenAsync(refresh, first.AddSeconds(1), Ct));
        Assert.Equal(first, (await store.FindRefreshTokenAsync(refresh, Ct))?.RedeemedAt);
    }

    [Fact]
    public async Task Exactly_one_of_64_concurrent_code_redemptions_wins()
    {
        var store = await NewStoreAsync();
        var code = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(code, Samples.Code("race", Samples.Now.AddMinutes(1)), Ct);

        var results = await RaceAsync(64, i => store.RedeemAuthorizationCodeAsync(code, Samples.Now.AddMilliseconds(i), Ct));

        AssertOneWinner(results, "race");
    }

    [Fact]
    public async Task Exactly_one_of_64_concurrent_refresh_rotations_wins()
    {
        var store = await NewStoreAsync();
        var refresh = Samples.Digest(Samples.NewToken());
        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("race", Samples.Now.AddMinutes(1)), refresh, Samples.Refresh("race", Samples.Now.AddDays(1)), Ct);

        var results = await RaceAsync(64, i => store.RedeemRefreshTokenAsync(refresh, Samples.Now.AddMilliseconds(i), Ct));

        AssertOneWinner(results, "race");
    }

    [Fact]
    public async Task Revoking_a_grant_removes_its_family_and_nothing_else()
    {
        var store = await NewStoreAsync();
        var keep = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        await store.SaveTokensAsync(keep.Item1, Samples.Access("other", Samples.Now.AddHours(1)), keep.Item2, Samples.Refresh("other", null), Ct);
        await store.SaveAuthorizationCodeAsync(keep.Item3, Samples.Code("other", Samples.Now.AddHours(1)), Ct);
        for (var i = 0; i < 3; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("family", Samples.Now.AddHours(1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("family", null), Ct);
        }

        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("family", Samples.Now.AddHours(1)), null, null, Ct);
        await store.SaveAuthorizationCodeAsync(Samples.Digest(Samples.NewToken()), Samples.Code("family", Samples.Now.AddHours(1)), Ct);

        Assert.Equal(7, await store.RevokeTokensOfGrantAsync("family", Ct));
        Assert.Equal(0, await store.RevokeTokensOfGrantAsync("FAMILY", Ct));
        Assert.Equal(1, await store.RevokeCodesOfGrantAsync("family", Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(keep.Item1, Ct));
        Assert.NotNull(await store.FindRefreshTokenAsync(keep.Item2, Ct));
        Assert.NotNull(await store.FindAuthorizationCodeAsync(keep.Item3, Ct));
        Assert.True(await store.RemoveAccessTokenAsync(keep.Item1, Ct));
        Assert.True(await store.RemoveRefreshTokenAsync(keep.Item2, Ct));
        Assert.False(await store.RemoveRefreshTokenAsync(keep.Item2, Ct));
    }

    [Fact]
    public async Task A_token_pair_is_saved_whole_or_not_at_all()
    {
        var store = await NewStoreAsync();
        var taken = Samples.Digest(Samples.NewToken());
        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("g", Samples.Now.AddHours(1)), taken, Samples.Refresh("g", null), Ct);

        var orphan = Samples.Digest(Samples.NewToken());
        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await store.SaveTokensAsync(orphan, Samples.Access("g2", Samples.Now.AddHours(1)), taken, Samples.Refresh("g2", null), Ct));

        Assert.Null(await store.FindAccessTokenAsync(orphan, Ct));
        Assert.Equal("g", (await store.FindRefreshTokenAsync(taken, Ct))?.GrantId);
    }

    [Fact]
    public async Task Rows_hold_digests_never_the_plaintext()
    {
        var store = await NewStoreAsync();
        var (a, r, c) = (Samples.NewToken(), Samples.NewToken(), Samples.NewToken());
        await store.SaveTokensAsync(Samples.Digest(a), Samples.Access("g", Samples.Now.AddHours(1)), Samples.Digest(r), Samples.Refresh("g", null), Ct);
        await store.SaveAuthorizationCodeAsync(Samples.Digest(c), Samples.Code("g", Samples.Now.AddHours(1)), Ct);

        var dump = await Fixture.DumpAsync(store, Ct);

        Assert.NotNull(dump);
        Assert.Contains(Samples.Digest(a).ToHex(), dump, StringComparison.Ordinal);
        Assert.Contains(Samples.Digest(c).ToHex(), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(a, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(r, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(c, dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_script_is_idempotent()
    {
        var store = await NewStoreAsync();
        var digest = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(digest, Samples.Code("g", Samples.Now.AddHours(1)), Ct);

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        Assert.NotNull(await store.FindAuthorizationCodeAsync(digest, Ct));
    }

    [Fact]
    public async Task A_cancelled_token_cancels_every_operation()
    {
        var store = await NewStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var digest = Samples.Digest(Samples.NewToken());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindAccessTokenAsync(digest, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveAuthorizationCodeAsync(digest, Samples.Code("g", Samples.Now.AddHours(1)), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.PruneExpiredAsync(10, cancelled.Token));
        Assert.Null(await store.FindAuthorizationCodeAsync(digest, Ct));
    }

    private static async Task<RedemptionResult[]> RaceAsync(int callers, Func<int, ValueTask<RedemptionResult>> redeem)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, callers)
            .Select(i => Task.Run(async () =>
            {
                start.Wait(Ct);
                return await redeem(i);
            }))
            .ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private static void AssertOneWinner(RedemptionResult[] results, string grantId)
    {
        var winner = Assert.Single(results, r => r.Status == RedemptionStatus.Redeemed);
        Assert.Equal(grantId, winner.GrantId);
        var losers = results.Where(r => r.Status != RedemptionStatus.Redeemed).ToArray();
        Assert.Equal(results.Length - 1, losers.Length);
        Assert.All(losers, l => Assert.Equal(new RedemptionResult(RedemptionStatus.AlreadyRedeemed, grantId, winner.RedeemedAt), l));
    }

    private static void AssertClient(Clients.OAuth2Client expected, Clients.OAuth2Client? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.SecretHash, actual.SecretHash);
        Assert.Equal(expected.RedirectUris, actual.RedirectUris);
        Assert.Equal(expected.Grants, actual.Grants);
        Assert.Equal(expected.Scopes, actual.Scopes);
        Assert.Equal(expected.AccessTokenLifetime, actual.AccessTokenLifetime);
        Assert.Equal(expected.RefreshTokenLifetime, actual.RefreshTokenLifetime);
        Assert.Equal(expected.RequirePkce, actual.RequirePkce);
        Assert.Equal(expected.Properties, actual.Properties);
    }
}
