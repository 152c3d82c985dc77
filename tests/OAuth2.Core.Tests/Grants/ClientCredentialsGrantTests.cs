using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Model;

namespace OAuth2.Core.Tests.Grants;

/// <summary>RFC 6749 section 4.4.</summary>
public sealed class ClientCredentialsGrantTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Issues_an_access_token_and_never_a_refresh_token()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Null(result.Value.RefreshToken);
        Assert.Null(result.Value.RefreshTokenExpiresAt);
        Assert.False(result.Response.Body!.ContainsKey("refresh_token"));
        Assert.Equal("c1", result.Value.User.Id);
    }

    [Fact]
    public async Task Each_request_starts_a_new_grant()
    {
        var a = await _h.TokenAsync("grant_type=client_credentials");
        var b = await _h.TokenAsync("grant_type=client_credentials");
        Assert.NotEqual(a.Value!.GrantId, b.Value!.GrantId);
        Assert.NotEqual(a.Value.AccessToken, b.Value.AccessToken);
    }

    [Fact]
    public async Task User_from_client_returning_null_is_invalid_grant()
    {
        _h.Model.GetUserFromClientAsync(Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>()).Returns((OAuth2User?)null);
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal("Invalid grant: user credentials are invalid", result.Error!.Description);
    }

    [Fact]
    public async Task Requested_scope_is_granted_without_client_restriction()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=read%20write");
        Assert.Equal(["read", "write"], result.Value!.Scope);
    }

    [Fact]
    public async Task Duplicate_scope_tokens_are_collapsed()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=read%20read%20write");
        Assert.Equal("read write", result.Response.Body!["scope"]);
    }

    [Fact]
    public async Task Scope_within_the_clients_registration_is_granted()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=read", "scoped");
        Assert.Equal(["read"], result.Value!.Scope);
    }

    [Fact]
    public async Task No_scope_gets_every_registered_scope()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials", "scoped");
        Assert.Equal("read write", result.Response.Body!["scope"]);
    }

    [Fact]
    public async Task Scope_beyond_the_clients_registration_is_invalid_scope()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=read%20admin", "scoped");
        Expect.TokenError(result, "invalid_scope");
        Assert.Equal("Invalid scope: Requested scope is invalid", result.Error!.Description);
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    [Theory]
    [InlineData("%22read%22")]
    [InlineData("re%5Cad")]
    [InlineData("read%09write")]
    [InlineData("r%C3%A9ad")]
    [InlineData("%20")]
    public async Task Malformed_scope_is_invalid_scope(string scope)
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=" + scope);
        Expect.TokenError(result, "invalid_scope");
        await _h.Model.DidNotReceiveWithAnyArgs().GetUserFromClientAsync(default!, default);
    }

    [Fact]
    public async Task A_model_scope_validator_may_narrow_the_scope()
    {
        var h = Harness.For<IScopeValidatingModel>();
        ((IScopeValidator)h.Model).ValidateScopeAsync(default!, default!, default!, default).ReturnsForAnyArgs(new List<string> { "read" });
        var result = await h.TokenAsync("grant_type=client_credentials&scope=read%20admin");
        Assert.Equal("read", result.Response.Body!["scope"]);
    }

    [Fact]
    public async Task A_model_scope_validator_returning_null_is_invalid_scope()
    {
        var h = Harness.For<IScopeValidatingModel>();
        var result = await h.TokenAsync("grant_type=client_credentials&scope=admin");
        Expect.TokenError(result, "invalid_scope");
    }

    [Fact]
    public async Task Scope_is_validated_before_the_token_is_minted()
    {
        var h = Harness.For<IScopeValidatingModel>();
        var result = await h.TokenAsync("grant_type=client_credentials&scope=admin");
        Assert.False(result.Succeeded);
        await h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }
}
