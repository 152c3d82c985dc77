using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Handlers;
using OAuth2.Storage;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

public sealed class RevocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revoking_own_refresh_token_revokes_its_family_and_answers_an_empty_200()
    {
        var model = NewModel();
        model.GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>()).Returns(Refresh("c1"));
        var result = await NewServer(model).RevokeAsync(Post("token=rt&token_type_hint=refresh_token"), Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(200, result.Response.StatusCode);
        Assert.Null(result.Response.Body);
        Assert.Equal("no-store", result.Response.Headers["Cache-Control"]);
        Assert.Same(RevocationOutcome.RevokedRefreshTokenFamily, result.Value);
        await model.Received(1).RevokeGrantAsync("g-refresh", Arg.Any<CancellationToken>());
        await model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, Ct);
    }

    [Fact]
    public async Task Revoking_own_access_token_revokes_only_that_token()
    {
        var model = NewModel();
        model.GetAccessTokenAsync("at", Arg.Any<CancellationToken>()).Returns(Access("c1"));
        var result = await NewServer(model).RevokeAsync(Post("token=at"), Ct);

        Assert.Same(RevocationOutcome.RevokedAccessToken, result.Value);
        await model.Received(1).RevokeAccessTokenAsync("at", Arg.Any<CancellationToken>());
        await model.DidNotReceiveWithAnyArgs().RevokeGrantAsync(default!, Ct);
    }

    [Fact]
    public async Task Hint_decides_which_kind_is_tried_first_but_is_not_trusted()
    {
        var model = NewModel();
        model.GetAccessTokenAsync("at", Arg.Any<CancellationToken>()).Returns(Access("c1"));
        var result = await NewServer(model).RevokeAsync(Post("token=at&token_type_hint=refresh_token"), Ct);

        Assert.Same(RevocationOutcome.RevokedAccessToken, result.Value);
        Received.InOrder(() =>
        {
            model.GetRefreshTokenAsync("at", Arg.Any<CancellationToken>());
            model.GetAccessTokenAsync("at", Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Unknown_token_is_an_empty_200()
    {
        var model = NewModel();
        var result = await NewServer(model).RevokeAsync(Post("token=nothing-like-it"), Ct);

        Assert.Equal(200, result.Response.StatusCode);
        Assert.Same(RevocationOutcome.Unknown, result.Value);
        await model.DidNotReceiveWithAnyArgs().RevokeAccessTokenAsync(default!, Ct);
    }

    [Fact]
    public async Task Another_clients_token_is_left_alone_with_the_same_200()
    {
        var model = NewModel();
        model.GetAccessTokenAsync("at", Arg.Any<CancellationToken>()).Returns(Access("someone-else"));
        model.GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>()).Returns(Refresh("someone-else"));
        var server = NewServer(model);

        var access = await server.RevokeAsync(Post("token=at"), Ct);
        var refresh = await server.RevokeAsync(Post("token=rt"), Ct);

        Assert.Equal(200, access.Response.StatusCode);
        Assert.Same(RevocationOutcome.NotOwned, access.Value);
        Assert.Same(RevocationOutcome.NotOwned, refresh.Value);
        await model.DidNotReceiveWithAnyArgs().RevokeAccessTokenAsync(default!, Ct);
        await model.DidNotReceiveWithAnyArgs().RevokeGrantAsync(default!, Ct);
    }

    [Fact]
    public async Task Public_client_may_revoke_its_own_token_without_a_secret()
    {
        var model = NewModel();
        model.GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>()).Returns(Refresh("pub"));
        var result = await NewServer(model).RevokeAsync(Post("token=rt&client_id=pub", basic: null), Ct);

        Assert.Same(RevocationOutcome.RevokedRefreshTokenFamily, result.Value);
    }

    [Theory]
    [InlineData("", "invalid_request", 400)]
    [InlineData("token=a&token=b", "invalid_request", 400)]
    public async Task Malformed_requests_are_refused(string body, string error, int status)
    {
        var result = await NewServer(NewModel()).RevokeAsync(Post(body), Ct);
        Assert.Equal(error, result.Error?.Error);
        Assert.Equal(status, result.Response.StatusCode);
        Assert.Equal(error, Json(result.Response).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client_401()
    {
        var result = await NewServer(NewModel()).RevokeAsync(Post("token=x", basic: "c1:wrong"), Ct);
        Assert.Equal("invalid_client", result.Error?.Error);
        Assert.Equal(401, result.Response.StatusCode);
        Assert.StartsWith("Basic ", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_is_refused()
    {
        var result = await NewServer(NewModel()).RevokeAsync(Post("token=x", method: "GET"), Ct);
        Assert.Equal("invalid_request", result.Error?.Error);
    }

    [Fact]
    public async Task Store_outage_is_503_never_a_false_success()
    {
        var model = NewModel();
        model.GetAccessTokenAsync("at", Arg.Any<CancellationToken>()).ThrowsAsync(new StorageUnavailableException("down"));
        var result = await NewServer(model).RevokeAsync(Post("token=at"), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(503, result.Response.StatusCode);
        Assert.Equal("server_error", result.Error.Error);
    }
}
