using NSubstitute;
using OAuth2.Core.Tests.Endpoints;
using OAuth2.Core.Tests.Support;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Server;

/// <summary>
/// The window between a winner's redemption and its save: if a concurrent replay revoked the family in that window,
/// the winner must not leave its fresh tokens alive.
/// </summary>
public sealed class RevocationRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IRevocableFullModel ModelSavingTokens()
    {
        var model = EndpointTestKit.NewModel();
        model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.Arg<Token>());
        return model;
    }

    [Fact]
    public async Task Refresh_whose_family_was_revoked_while_saving_is_refused_and_revoked_again()
    {
        var model = ModelSavingTokens();
        model.GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>()).Returns(EndpointTestKit.Refresh("c1"), (RefreshToken?)null);
        model.RevokeRefreshTokenAsync("rt", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(new RedemptionResult(RedemptionStatus.Redeemed));
        var result = await EndpointTestKit.NewServer(model).TokenAsync(EndpointTestKit.Post("grant_type=refresh_token&refresh_token=rt"), Ct);

        Assert.Equal("invalid_grant", result.Error?.Error);
        Received.InOrder(() =>
        {
            model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>());
            model.RevokeGrantAsync("g-refresh", Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Refresh_whose_old_token_is_still_there_succeeds_without_revoking()
    {
        var model = ModelSavingTokens();
        model.GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>()).Returns(EndpointTestKit.Refresh("c1"));
        model.RevokeRefreshTokenAsync("rt", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(new RedemptionResult(RedemptionStatus.Redeemed));
        var result = await EndpointTestKit.NewServer(model).TokenAsync(EndpointTestKit.Post("grant_type=refresh_token&refresh_token=rt"), Ct);

        Assert.True(result.Succeeded, result.Error?.Description);
        await model.Received(2).GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>());
        await model.DidNotReceiveWithAnyArgs().RevokeGrantAsync(default!, Ct);
    }

    [Fact]
    public async Task Code_exchange_whose_family_was_revoked_while_saving_is_refused_and_revoked_again()
    {
        var model = ModelSavingTokens();
        var code = new AuthorizationCode
        {
            ClientId = "c1",
            User = new OAuth2User("alice"),
            IssuedAt = EndpointTestKit.Now.AddSeconds(-10),
            ExpiresAt = EndpointTestKit.Now.AddMinutes(4),
            GrantId = "g-code",
        };
        model.GetAuthorizationCodeAsync("abc", Arg.Any<CancellationToken>()).Returns(code, (AuthorizationCode?)null);
        model.RevokeAuthorizationCodeAsync("abc", Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(new RedemptionResult(RedemptionStatus.Redeemed));
        var options = new OAuth2ServerOptions();
        var client = EndpointTestKit.Confidential with { Grants = [GrantTypes.AuthorizationCode] };
        model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns(client);
        var result = await EndpointTestKit.NewServer(model, options).TokenAsync(EndpointTestKit.Post("grant_type=authorization_code&code=abc"), Ct);

        Assert.Equal("invalid_grant", result.Error?.Error);
        await model.Received(1).RevokeGrantAsync("g-code", Arg.Any<CancellationToken>());
    }
}
