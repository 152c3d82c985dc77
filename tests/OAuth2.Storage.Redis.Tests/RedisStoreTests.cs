using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Storage.Redis.Tests.Infrastructure;
using OAuth2.Tokens;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>Redis-specific behaviour (key layout, TTLs, atomicity), run on a single node and on a cluster.</summary>
public abstract partial class RedisStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : RedisFixture
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDatabase Db => fixture.Redis.GetDatabase();

    /// <summary>The fixture, for the other parts of this class (a primary constructor parameter is only in scope here).</summary>
    private TFixture Fixture => fixture;

    [Fact]
    public async Task Every_record_round_trips_field_for_field()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var (at, rt, ac) = (Samples.NewValue(), Samples.NewValue(), Samples.NewValue());
        var access = Samples.Access(grant, now, TimeSpan.FromMinutes(5));
        var refresh = Samples.Refresh(grant, now, TimeSpan.FromDays(1));
        var code = Samples.Code(grant, now, TimeSpan.FromMinutes(1));
        var client = Samples.Client("Client-" + Guid.NewGuid());

        await store.SaveTokensAsync(TokenDigest.Compute(at), access, TokenDigest.Compute(rt), refresh, Ct);
        await store.SaveAuthorizationCodeAsync(TokenDigest.Compute(ac), code, Ct);
        await store.SaveClientAsync(client, Ct);

        AssertJsonEqual(access, await store.FindAccessTokenAsync(TokenDigest.Compute(at), Ct));
        AssertJsonEqual(refresh, await store.FindRefreshTokenAsync(TokenDigest.Compute(rt), Ct));
        AssertJsonEqual(code, await store.FindAuthorizationCodeAsync(TokenDigest.Compute(ac), Ct));
        AssertJsonEqual(client, await store.FindClientAsync(client.Id, Ct));

        var withNullScopes = client with { Id = client.Id + "-n", Scopes = null, SecretHash = "sha256$abc", RefreshTokenLifetime = TimeSpan.Zero };
        await store.SaveClientAsync(withNullScopes, Ct);
        var found = await store.FindClientAsync(withNullScopes.Id, Ct);
        Assert.Null(found!.Scopes);
        AssertJsonEqual(withNullScopes, found);
    }

    [Fact]
    public async Task Refresh_token_without_expiry_round_trips_and_has_no_ttl()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var rt = TokenDigest.Compute(Samples.NewValue());
        var refresh = Samples.Refresh(grant, now, null);
        await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Access(grant, now, TimeSpan.FromMinutes(1)), rt, refresh, Ct);

        AssertJsonEqual(refresh, await store.FindRefreshTokenAsync(rt, Ct));
        Assert.Equal(-1, (long)await Db.ExecuteAsync("PTTL", (RedisKey)(store.Options.KeyPrefix + "rt:{" + rt.ToHex() + "}")));
        Assert.Equal(-1, (long)await Db.ExecuteAsync("PTTL", (RedisKey)(store.Options.KeyPrefix + "gt:{" + grant + "}")));
    }

    [Fact]
    public async Task Ttls_match_expiry_and_the_family_set_lives_as_long_as_its_longest_member()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var (at, rt, ac) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        await store.SaveTokensAsync(at, Samples.Access(grant, now, TimeSpan.FromMinutes(10)), rt, Samples.Refresh(grant, now, TimeSpan.FromHours(2)), Ct);
        await store.SaveAuthorizationCodeAsync(ac, Samples.Code(grant, now, TimeSpan.FromMinutes(1)), Ct);

        var p = store.Options.KeyPrefix;
        AssertPttl(TimeSpan.FromMinutes(10), await PttlAsync(p + "at:{" + at.ToHex() + "}"));
        AssertPttl(TimeSpan.FromHours(2), await PttlAsync(p + "rt:{" + rt.ToHex() + "}"));
        AssertPttl(TimeSpan.FromHours(2), await PttlAsync(p + "gt:{" + grant + "}"));
        AssertPttl(TimeSpan.FromMinutes(1), await PttlAsync(p + "ac:{" + ac.ToHex() + "}"));
        AssertPttl(TimeSpan.FromMinutes(1), await PttlAsync(p + "gc:{" + grant + "}"));

        // A later, shorter-lived pair does not shorten the family set; a longer one stretches it.
        await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Access(grant, now, TimeSpan.FromMinutes(1)), null, null, Ct);
        AssertPttl(TimeSpan.FromHours(2), await PttlAsync(p + "gt:{" + grant + "}"));
        await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Access(grant, now, TimeSpan.FromMinutes(1)), TokenDigest.Compute(Samples.NewValue()), Samples.Refresh(grant, now, TimeSpan.FromHours(5)), Ct);
        AssertPttl(TimeSpan.FromHours(5), await PttlAsync(p + "gt:{" + grant + "}"));

        // Redeeming keeps the TTL.
        Assert.True((await store.RedeemRefreshTokenAsync(rt, now, Ct)).Won);
        AssertPttl(TimeSpan.FromHours(2), await PttlAsync(p + "rt:{" + rt.ToHex() + "}"));
        Assert.True((await store.RedeemAuthorizationCodeAsync(ac, now, Ct)).Won);
        AssertPttl(TimeSpan.FromMinutes(1), await PttlAsync(p + "ac:{" + ac.ToHex() + "}"));
    }

    [Fact]
    public async Task Items_already_expired_are_not_written()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var (at, rt, ac) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        await store.SaveTokensAsync(at, Samples.Access(grant, now, TimeSpan.FromSeconds(-1)), rt, Samples.Refresh(grant, now, TimeSpan.FromSeconds(-1)), Ct);
        await store.SaveAuthorizationCodeAsync(ac, Samples.Code(grant, now, TimeSpan.FromMilliseconds(-5)), Ct);

        Assert.Null(await store.FindAccessTokenAsync(at, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(rt, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(ac, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(ac, now, Ct)).Status);
        Assert.Empty(await fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task Expiry_is_checked_against_the_store_clock_too()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = fixture.CreateStore(timeProvider: clock);
        var now = Samples.Now(clock);
        var grant = Guid.NewGuid().ToString();
        var (at, rt, ac) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        await store.SaveTokensAsync(at, Samples.Access(grant, now, TimeSpan.FromMinutes(5)), rt, Samples.Refresh(grant, now, TimeSpan.FromMinutes(5)), Ct);
        await store.SaveAuthorizationCodeAsync(ac, Samples.Code(grant, now, TimeSpan.FromMinutes(5)), Ct);
        Assert.NotNull(await store.FindAccessTokenAsync(at, Ct));

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await store.FindAccessTokenAsync(at, Ct));
        Assert.Null(await store.FindRefreshTokenAsync(rt, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(ac, Ct));
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemRefreshTokenAsync(rt, now, Ct)).Status);
        Assert.Equal(RedemptionStatus.NotFound, (await store.RedeemAuthorizationCodeAsync(ac, now, Ct)).Status);
    }

    [Fact]
    public async Task Redis_drops_expired_items_by_itself()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        await store.SaveTokensAsync(
            TokenDigest.Compute(Samples.NewValue()), Samples.Access(grant, now, TimeSpan.FromMilliseconds(300)),
            TokenDigest.Compute(Samples.NewValue()), Samples.Refresh(grant, now, TimeSpan.FromMilliseconds(400)), Ct);
        await store.SaveAuthorizationCodeAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Code(grant, now, TimeSpan.FromMilliseconds(300)), Ct);
        Assert.Equal(6, (await fixture.KeysAsync(store.Options.KeyPrefix)).Count); // at, rt, ac, token and code sets, client index

        await Task.Delay(700, Ct);

        Assert.Empty(await fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task Exactly_one_of_64_concurrent_code_redemptions_wins()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var ac = TokenDigest.Compute(Samples.NewValue());
        await store.SaveAuthorizationCodeAsync(ac, Samples.Code(grant, now, TimeSpan.FromMinutes(1)), Ct);

        var results = await RaceAsync(i => store.RedeemAuthorizationCodeAsync(ac, now.AddMilliseconds(i), Ct));

        AssertOneWinner(results, grant);
        var found = await store.FindAuthorizationCodeAsync(ac, Ct);
        Assert.Equal(results.Single(r => r.Won).RedeemedAt, found!.RedeemedAt);
    }

    [Fact]
    public async Task Exactly_one_of_64_concurrent_refresh_rotations_wins()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var rt = TokenDigest.Compute(Samples.NewValue());
        await store.SaveTokensAsync(TokenDigest.Compute(Samples.NewValue()), Samples.Access(grant, now, TimeSpan.FromMinutes(1)), rt, Samples.Refresh(grant, now, null), Ct);

        var results = await RaceAsync(i => store.RedeemRefreshTokenAsync(rt, now.AddMilliseconds(i), Ct));

        AssertOneWinner(results, grant);
        var found = await store.FindRefreshTokenAsync(rt, Ct);
        Assert.Equal(results.Single(r => r.Won).RedeemedAt, found!.RedeemedAt);
        Assert.Equal(grant, found.GrantId);
    }

    [Fact]
    public async Task Unknown_items_are_not_found()
    {
        var store = fixture.CreateStore();
        var digest = TokenDigest.Compute(Samples.NewValue());
        Assert.Equal(RedemptionResult.NotFound, await store.RedeemRefreshTokenAsync(digest, DateTimeOffset.UtcNow, Ct));
        Assert.Equal(RedemptionResult.NotFound, await store.RedeemAuthorizationCodeAsync(digest, DateTimeOffset.UtcNow, Ct));
        Assert.Null(await store.FindAccessTokenAsync(digest, Ct));
        Assert.Null(await store.FindClientAsync("nobody", Ct));
        Assert.False(await store.RemoveAccessTokenAsync(digest, Ct));
        Assert.Equal(0, await store.RevokeTokensOfGrantAsync("no-such-grant", Ct));

        // Redeeming an unknown digest must not create anything.
        Assert.Empty(await fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task Revoking_a_family_removes_its_tokens_or_codes_and_nothing_else()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var (grant, other) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var mine = new List<(TokenDigest At, TokenDigest Rt)>();
        for (var i = 0; i < 3; i++)
        {
            var pair = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
            mine.Add(pair);
            await store.SaveTokensAsync(pair.Item1, Samples.Access(grant, now, TimeSpan.FromMinutes(5)), pair.Item2, Samples.Refresh(grant, now, i == 0 ? null : TimeSpan.FromHours(1)), Ct);
        }

        var (otherAt, otherRt) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        await store.SaveTokensAsync(otherAt, Samples.Access(other, now, TimeSpan.FromMinutes(5)), otherRt, Samples.Refresh(other, now, TimeSpan.FromHours(1)), Ct);
        var (myCode, otherCode) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        await store.SaveAuthorizationCodeAsync(myCode, Samples.Code(grant, now, TimeSpan.FromMinutes(1)), Ct);
        await store.SaveAuthorizationCodeAsync(otherCode, Samples.Code(other, now, TimeSpan.FromMinutes(1)), Ct);
        Assert.True(await store.RemoveAccessTokenAsync(mine[2].At, Ct));

        Assert.Equal(5, await store.RevokeTokensOfGrantAsync(grant, Ct));

        foreach (var (at, rt) in mine)
        {
            Assert.Null(await store.FindAccessTokenAsync(at, Ct));
            Assert.Null(await store.FindRefreshTokenAsync(rt, Ct));
        }

        Assert.NotNull(await store.FindAuthorizationCodeAsync(myCode, Ct));
        Assert.NotNull(await store.FindAccessTokenAsync(otherAt, Ct));
        Assert.NotNull(await store.FindRefreshTokenAsync(otherRt, Ct));
        Assert.Equal(0, await store.RevokeTokensOfGrantAsync(grant, Ct));

        Assert.Equal(1, await store.RevokeCodesOfGrantAsync(grant, Ct));
        Assert.Null(await store.FindAuthorizationCodeAsync(myCode, Ct));
        Assert.NotNull(await store.FindAuthorizationCodeAsync(otherCode, Ct));

        var left = (await fixture.KeysAsync(store.Options.KeyPrefix)).Select(k => (string)k!).ToList();
        Assert.DoesNotContain(left, k => k.Contains(grant, StringComparison.Ordinal));
        // The other grant: at, rt, its token set, its code, its code set; and the client's index, which lists the revoked
        // tokens until their expiry (one never expires) or until the client's own revocation.
        Assert.Equal(6, left.Count);
        Assert.Contains(left, k => k.EndsWith(":ct:{client-Ä}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Neither_key_names_nor_values_hold_a_plaintext_credential()
    {
        var store = fixture.CreateStore();
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var (at, rt, ac) = (Samples.NewValue(), Samples.NewValue(), Samples.NewValue());
        await store.SaveTokensAsync(TokenDigest.Compute(at), Samples.Access(grant, now, TimeSpan.FromMinutes(5)), TokenDigest.Compute(rt), Samples.Refresh(grant, now, null), Ct);
        await store.SaveAuthorizationCodeAsync(TokenDigest.Compute(ac), Samples.Code(grant, now, TimeSpan.FromMinutes(1)), Ct);
        await store.RedeemAuthorizationCodeAsync(TokenDigest.Compute(ac), now, Ct);

        var dump = await fixture.DumpAsync(store, Ct);
        Assert.NotNull(dump);
        Assert.Contains(TokenDigest.Compute(at).ToHex(), dump, StringComparison.Ordinal);
        foreach (var secret in new[] { at, rt, ac })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(secret["plain-".Length..], dump, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Client_ids_are_case_sensitive_and_removable()
    {
        var store = fixture.CreateStore();
        var lower = Samples.Client("abc");
        var upper = Samples.Client("ABC") with { RequirePkce = false };
        await store.SaveClientAsync(lower, Ct);
        Assert.Null(await store.FindClientAsync("ABC", Ct));
        await store.SaveClientAsync(upper, Ct);
        Assert.True((await store.FindClientAsync("abc", Ct))!.RequirePkce);
        Assert.False((await store.FindClientAsync("ABC", Ct))!.RequirePkce);
        Assert.True(await store.RemoveClientAsync("abc", Ct));
        Assert.False(await store.RemoveClientAsync("abc", Ct));
        Assert.NotNull(await store.FindClientAsync("ABC", Ct));
        Assert.Equal(-1, (long)await Db.ExecuteAsync("PTTL", (RedisKey)(store.Options.KeyPrefix + "client:ABC")));
    }

    [Fact]
    public async Task An_already_cancelled_token_cancels_before_any_command()
    {
        var store = fixture.CreateStore();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var now = Samples.Now();
        var digest = TokenDigest.Compute(Samples.NewValue());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveTokensAsync(digest, Samples.Access("g", now, TimeSpan.FromMinutes(1)), null, null, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.FindAccessTokenAsync(digest, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RedeemAuthorizationCodeAsync(digest, now, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SaveClientAsync(Samples.Client("c"), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.RevokeTokensOfGrantAsync("g", cts.Token));
        Assert.Empty(await fixture.KeysAsync(store.Options.KeyPrefix));
    }

    [Fact]
    public async Task The_store_takes_the_cluster_path_exactly_when_keys_spread_over_slots()
    {
        Assert.Equal(fixture.IsCluster, fixture.CreateStore().KeysSpreadOverSlots);

        // A prefix with a hash tag pins every key to one slot: the single-script path, even on a cluster.
        var tagged = fixture.CreateStore($"{{t{Guid.NewGuid():N}}}:");
        Assert.False(tagged.KeysSpreadOverSlots);
        var now = Samples.Now();
        var grant = Guid.NewGuid().ToString();
        var (at, rt) = (TokenDigest.Compute(Samples.NewValue()), TokenDigest.Compute(Samples.NewValue()));
        await tagged.SaveTokensAsync(at, Samples.Access(grant, now, TimeSpan.FromMinutes(1)), rt, Samples.Refresh(grant, now, null), Ct);
        Assert.NotNull(await tagged.FindAccessTokenAsync(at, Ct));
        Assert.True((await tagged.RedeemRefreshTokenAsync(rt, now, Ct)).Won);
        Assert.Equal(2, await tagged.RevokeTokensOfGrantAsync(grant, Ct));
        Assert.Equal(0, await tagged.RevokeTokensOfClientAsync(Samples.Access(grant, now, TimeSpan.FromMinutes(1)).ClientId, Ct));
        Assert.Empty(await fixture.KeysAsync(tagged.Options.KeyPrefix));
    }

    private static async Task<RedemptionResult[]> RaceAsync(Func<int, ValueTask<RedemptionResult>> redeem)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await redeem(i);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private static void AssertOneWinner(RedemptionResult[] results, string grant)
    {
        var winner = Assert.Single(results, r => r.Status == RedemptionStatus.Redeemed);
        Assert.Equal(grant, winner.GrantId);
        var losers = results.Where(r => !r.Won).ToList();
        Assert.Equal(63, losers.Count);
        Assert.All(losers, r =>
        {
            Assert.Equal(RedemptionStatus.AlreadyRedeemed, r.Status);
            Assert.Equal(grant, r.GrantId);
            Assert.Equal(winner.RedeemedAt, r.RedeemedAt);
        });
    }

    private async Task<long> PttlAsync(string key) => (long)await Db.ExecuteAsync("PTTL", (RedisKey)key);

    private static void AssertPttl(TimeSpan expected, long actualMs)
    {
        Assert.InRange(actualMs, (long)expected.TotalMilliseconds - 5000, (long)expected.TotalMilliseconds);
    }

    private static void AssertJsonEqual<T>(T expected, T? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }
}
