using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using OAuth2.AspNetCore.ResourceServer.Authorization;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Authorization;

/// <summary>
/// The one scope requirement behind <c>RequireAccessTokenScope</c> and OAuth2.AspNetCore's <c>RequireScope</c>:
/// what it accepts at start-up (each scope is written into a 403's <c>scope="..."</c>, RFC 6750 section 3), how it
/// reads the token's scope claims, and what a failure leaves for the challenge.
/// </summary>
public sealed class AccessTokenScopeRequirementTests
{
    [Theory]
    [InlineData("read write")]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    [InlineData("")]
    [InlineData(" ")]
    public void Section_3_a_scope_outside_NQCHAR_cannot_be_required(string scope)
        => Assert.Throws<ArgumentException>(() => new AccessTokenScopeRequirement([scope]));

    [Fact]
    public void No_scope_at_all_cannot_be_required()
        => Assert.Throws<ArgumentException>(() => new AccessTokenScopeRequirement([]));

    [Fact]
    public void A_null_scope_is_an_argument_error()
        => Assert.Throws<ArgumentException>(() => new AccessTokenScopeRequirement(["read", null!]));

    [Fact]
    public void Section_3_scopes_of_NQCHAR_are_accepted()
    {
        var requirement = new AccessTokenScopeRequirement(["read", "https://api.example.com/orders:write", "a!#$%&'()*+,-./:;<=>?@[]^_`{|}~"]);

        Assert.Equal(["read", "https://api.example.com/orders:write", "a!#$%&'()*+,-./:;<=>?@[]^_`{|}~"], requirement.Scopes);
    }

    [Theory]
    [InlineData(true, "read", "admin")]
    [InlineData(false, "read admin")]
    [InlineData(true, "admin read")]
    public async Task Scope_claims_count_one_per_value_or_space_delimited(bool asSeparateClaims, params string[] values)
    {
        var claims = asSeparateClaims ? values.Select(v => new Claim("scope", v)) : [new Claim("scope", string.Join(' ', values))];
        var http = new DefaultHttpContext();

        var result = await AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), http, new AccessTokenScopeRequirement(["admin", "read"]));

        Assert.True(result.Succeeded);
        Assert.Null(http.GetRequiredAccessTokenScope());
    }

    [Fact]
    public async Task Failed_requirements_leave_their_scopes_in_order_once_each()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "read")], "test"));
        var http = new DefaultHttpContext();

        var result = await AuthorizeAsync(
            user, http, new AccessTokenScopeRequirement(["write"]), new AccessTokenScopeRequirement(["read"]), new AccessTokenScopeRequirement(["admin", "write"]));

        Assert.False(result.Succeeded);
        Assert.Equal("write admin", http.GetRequiredAccessTokenScope());
    }

    private static Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, HttpContext http, params IAuthorizationRequirement[] requirements)
    {
        var handler = new PassThroughAuthorizationHandler();
        var context = new AuthorizationHandlerContext(requirements, user, http);
        return HandleAsync(handler, context);
    }

    private static async Task<AuthorizationResult> HandleAsync(IAuthorizationHandler handler, AuthorizationHandlerContext context)
    {
        await handler.HandleAsync(context);
        return context.HasSucceeded ? AuthorizationResult.Success() : AuthorizationResult.Failed();
    }
}
