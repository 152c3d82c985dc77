using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Grants;

/// <summary>
/// Checklist 5.3 property 4: with a compare-and-swap model, a code yields at most one token response and a refresh
/// token at most one rotation, however many requests race.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Racers = 50;

    private static RedemptionResult Swap(ref int flag, string grantId)
        => Interlocked.Exchange(ref flag, 1) == 0
            ? new RedemptionResult(RedemptionStatus.Redeemed, grantId)
            : new RedemptionResult(RedemptionStatus.AlreadyRedeemed, grantId, Harness.Start);

    [Fact]
    public async Task Fifty_parallel_code_exchanges_give_exactly_one_token()
    {
        var h = new Harness();
        var data = h.AddCode("code1");
        var flag = 0;
        h.Model.RevokeAuthorizationCodeAsync("code1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(_ => Swap(ref flag, data.GrantId));
        _ = h.Server;
        var results = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => h.TokenAsync("grant_type=authorization_code&code=code1"))));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Expect.TokenError(r, "invalid_grant"));
        await h.Model.Received(1).SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>());
        await h.Model.Received(Racers - 1).RevokeGrantAsync(data.GrantId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Fifty_parallel_refreshes_rotate_once()
    {
        var h = new Harness();
        h.Options.RefreshTokenReuseLeeway = TimeSpan.FromSeconds(5);
        var data = h.AddRefreshToken("rt1");
        var flag = 0;
        h.Model.RevokeRefreshTokenAsync("rt1", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(_ => Swap(ref flag, data.GrantId));
        _ = h.Server;
        var results = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => h.TokenAsync("grant_type=refresh_token&refresh_token=rt1"))));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Expect.TokenError(r, "invalid_grant"));
        await h.Model.Received(1).SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>());

        // The losers raced within the leeway: a benign double refresh, so the winner's tokens survive.
        await h.Model.DidNotReceiveWithAnyArgs().RevokeGrantAsync(default!, default);
    }
}
