using Microsoft.AspNetCore.Authorization;
using OAuth2.AspNetCore.Authentication;

namespace OAuth2.AspNetCore.Tests.Authentication;

/// <summary>
/// RFC 6750 section 3: what the scheme writes into <c>WWW-Authenticate</c> from configuration (its realm, a policy's
/// scope) must fit the challenge grammar, so a bad value fails at start-up instead of breaking every challenge.
/// </summary>
public sealed class ChallengeSyntaxTests
{
    [Theory]
    [InlineData("api\"x")]
    [InlineData("api\\x")]
    [InlineData("api\r\nX-Injected: 1")]
    [InlineData("api\u00e9")]
    [InlineData("")]
    public void Section_3_a_realm_that_cannot_be_a_quoted_challenge_value_is_refused(string realm)
    {
        var options = new OAuth2BearerOptions { Realm = realm };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Resource API")]
    [InlineData("https://api.example.com/ (v2)")]
    public void Section_3_a_printable_realm_is_accepted(string? realm)
    {
        var options = new OAuth2BearerOptions { Realm = realm };

        options.Validate();
        Assert.Equal(realm, options.Realm);
    }

    // The grammar itself is tested where the one scope check lives (OAuth2.AspNetCore.ResourceServer.Tests,
    // AccessTokenScopeRequirementTests); these show RequireScope goes through it.
    [Theory]
    [InlineData("read write")]
    [InlineData("a\"b")]
    [InlineData(null)]
    public void Section_3_a_scope_outside_NQCHAR_cannot_be_required(string? scope)
        => Assert.Throws<ArgumentException>(() => new AuthorizationPolicyBuilder().RequireScope("read", scope!));

    [Fact]
    public void Section_3_scopes_of_NQCHAR_are_accepted()
    {
        var policy = new AuthorizationPolicyBuilder().RequireScope("read", "https://api.example.com/orders:write", "a!#$%&'()*+,-./:;<=>?@[]^_`{|}~").Build();

        Assert.Equal([OAuth2BearerDefaults.AuthenticationScheme], policy.AuthenticationSchemes);
        Assert.Equal(2, policy.Requirements.Count);
    }
}
