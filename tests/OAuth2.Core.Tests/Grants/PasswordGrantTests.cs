using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Grants;

/// <summary>RFC 6749 section 4.3 (legacy), with node-oauth2-server's compliance cases.</summary>
public sealed class PasswordGrantTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Valid_credentials_issue_an_access_and_refresh_token()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&scope=read%20write");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.NotNull(result.Value.RefreshToken);
        Assert.Equal("read write", result.Response.Body!["scope"]);
        Assert.Equal("alice", result.Value.User.Id);
    }

    [Fact]
    public async Task Body_client_authentication_works_too()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&client_id=c1&client_secret=s3cret", clientId: null);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Missing_username_is_invalid_request()
    {
        var result = await _h.TokenAsync("grant_type=password&password=pw");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `username`", result.Error!.Description);
    }

    [Fact]
    public async Task Missing_password_is_invalid_request()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `password`", result.Error!.Description);
    }

    [Theory]
    [InlineData("username=bob&password=pw")]
    [InlineData("username=alice&password=wrong")]
    [InlineData("username=ALICE&password=pw")]
    public async Task Wrong_user_credentials_are_invalid_grant(string credentials)
    {
        var result = await _h.TokenAsync("grant_type=password&" + credentials);
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: user credentials are invalid", result.Error!.Description);
    }

    [Theory]
    [InlineData("a\nb", "pw")]
    [InlineData("alice", "p\rw")]
    public async Task Line_breaks_are_invalid_request(string username, string password)
    {
        // The form decoder already refuses control characters; a host mapping its own form must not get past the grant.
        var request = Requests.Token(string.Empty, Requests.Basic("c1", TestClients.Secret)) with
        {
            Form = ParameterCollection.From(new KeyValuePair<string, string>[] { new("grant_type", "password"), new("username", username), new("password", password) }),
        };
        var result = await _h.TokenAsync(request);
        Expect.TokenError(result, "invalid_request");
        await _h.Model.DidNotReceiveWithAnyArgs().GetUserAsync(default!, default!, default!, default);
    }

    [Fact]
    public async Task Unicode_usernames_and_passwords_reach_the_model()
    {
        _h.Model.GetUserAsync("J\u00fcrgen", "p\u00e4ss w\u20acrd", Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(new OAuth2User("j"));
        var result = await _h.TokenAsync("grant_type=password&username=J%C3%BCrgen&password=p%C3%A4ss+w%E2%82%ACrd");
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Tab_in_a_password_is_allowed()
    {
        _h.Model.GetUserAsync("alice", "p\tw", Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(Harness.Alice);
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=p%09w");
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Unknown_client_is_invalid_client()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw", "ghost", "x");
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task The_client_is_passed_to_get_user()
    {
        await _h.TokenAsync("grant_type=password&username=alice&password=pw");
        await _h.Model.Received(1).GetUserAsync("alice", "pw", Arg.Is<OAuth2Client>(c => c.Id == "c1"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Scope_beyond_registration_is_invalid_scope()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&scope=admin", "scoped");
        Expect.TokenError(result, "invalid_scope");
    }

    [Fact]
    public async Task Disabled_by_removing_it_from_the_options()
    {
        _h.Options.GrantTypes = new HashSet<string> { GrantTypes.AuthorizationCode, GrantTypes.RefreshToken };
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw");
        Expect.TokenError(result, "unsupported_grant_type");
    }
}
