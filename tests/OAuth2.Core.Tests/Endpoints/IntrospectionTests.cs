using NSubstitute;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

public sealed class IntrospectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Active_access_token_reports_its_metadata()
    {
        var model = NewModel();
        model.GetAccessTokenAsync("at", Arg.Any<CancellationToken>()).Returns(Access("c1"));
        var result = await NewServer(model).IntrospectAsync(Post("token=at"), Ct);

        Assert.True(result.Succeeded);
        var json = Json(result.Response);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("read write", json.GetProperty("scope").GetString());
        Assert.Equal("c1", json.GetProperty("client_id").GetString());
        Assert.Equal("alice", json.GetProperty("sub").GetString());
        Assert.Equal("alice@example.com", json.GetProperty("username").GetString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(Now.AddMinutes(55).ToUnixTimeSeconds(), json.GetProperty("exp").GetInt64());
        Assert.Equal(Now.AddMinutes(-5).ToUnixTimeSeconds(), json.GetProperty("iat").GetInt64());
        Assert.Equal("no-store", result.Response.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task Active_refresh_token_is_reported_as_such()
    {
        var model = NewModel();
        model.GetRefreshTokenAsync("rt", Arg.Any<CancellationToken>()).Returns(Refresh("c1"));
        var json = Json((await NewServer(model).IntrospectAsync(Post("token=rt&token_type_hint=refresh_token"), Ct)).Response);

        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("refresh_token", json.GetProperty("token_type").GetString());
    }

    public static TheoryData<string> InactiveCases => ["expired", "rotated", "unknown"];

    [Theory]
    [MemberData(nameof(InactiveCases))]
    public async Task Inactive_tokens_reveal_nothing_else(string kind)
    {
        var model = NewModel();
        if (kind == "expired")
        {
            model.GetAccessTokenAsync("t", Arg.Any<CancellationToken>()).Returns(Access("c1", expiresAt: Now.AddSeconds(-1)));
        }
        else if (kind == "rotated")
        {
            model.GetRefreshTokenAsync("t", Arg.Any<CancellationToken>()).Returns(Refresh("c1", redeemedAt: Now.AddMinutes(-1)));
        }

        var result = await NewServer(model).IntrospectAsync(Post("token=t"), Ct);
        Assert.Equal(200, result.Response.StatusCode);
        Assert.Equal("""{"active":false}""", System.Text.Encoding.UTF8.GetString(result.Response.GetJsonBody()));
    }

    [Fact]
    public async Task Public_clients_may_not_introspect()
    {
        var result = await NewServer(NewModel()).IntrospectAsync(Post("token=t&client_id=pub", basic: null), Ct);
        Assert.Equal("unauthorized_client", result.Error?.Error);
    }

    [Fact]
    public async Task Unauthenticated_callers_get_invalid_client()
    {
        var result = await NewServer(NewModel()).IntrospectAsync(Post("token=t", basic: null), Ct);
        Assert.Equal("invalid_client", result.Error?.Error);
        Assert.Equal(401, result.Response.StatusCode);
    }
}
