using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Grants;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Grants;

/// <summary>RFC 6749 section 4.5: extension grants named by absolute URI.</summary>
public sealed class ExtensionGrantTests
{
    private const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    private readonly Harness _h = new();

    private sealed class FixedUserGrant : IGrantType
    {
        public GrantContext? Seen { get; private set; }

        public async ValueTask<Token> HandleAsync(GrantContext context, CancellationToken cancellationToken)
        {
            Seen = context;
            if (context.GetParameter("device_code") != "ok")
            {
                throw new InvalidGrantException("Invalid grant: device code is invalid");
            }

            return await context.Issuer.IssueAsync(context.Client, new OAuth2User("device-user"), ["read"], TokenIssuer.NewGrantId(), includeRefreshToken: true, cancellationToken);
        }
    }

    [Fact]
    public async Task Registered_extension_grant_issues_through_the_server()
    {
        var grant = new FixedUserGrant();
        _h.Options.ExtendedGrantTypes[DeviceCode] = grant;
        _h.AddClient(TestClients.Confidential with { Grants = [DeviceCode] });
        var result = await _h.TokenAsync("grant_type=" + Uri.EscapeDataString(DeviceCode) + "&device_code=ok");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("device-user", result.Value.User.Id);
        Assert.Equal(DeviceCode, grant.Seen!.GrantType);
        Assert.Equal("c1", grant.Seen.Client.Id);
        Assert.Equal(Harness.Start.AddHours(1), result.Value.AccessTokenExpiresAt);
        await _h.Model.Received(1).SaveTokenAsync(Arg.Is<Token>(t => t.User.Id == "device-user"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Extension_grant_errors_are_reported_as_oauth_errors()
    {
        _h.Options.ExtendedGrantTypes[DeviceCode] = new FixedUserGrant();
        _h.AddClient(TestClients.Confidential with { Grants = [DeviceCode] });
        var result = await _h.TokenAsync("grant_type=" + Uri.EscapeDataString(DeviceCode) + "&device_code=bad");
        Expect.TokenError(result, "invalid_grant");
    }

    [Fact]
    public async Task Extension_grant_not_allowed_for_the_client_is_unauthorized_client()
    {
        var grant = new FixedUserGrant();
        _h.Options.ExtendedGrantTypes[DeviceCode] = grant;
        var result = await _h.TokenAsync("grant_type=" + Uri.EscapeDataString(DeviceCode) + "&device_code=ok");
        Expect.TokenError(result, "unauthorized_client");
        Assert.Null(grant.Seen);
    }

    [Fact]
    public async Task Extension_grant_throwing_a_plain_exception_is_a_server_error()
    {
        var grant = Substitute.For<IGrantType>();
        grant.HandleAsync(default!, default).ReturnsForAnyArgs<ValueTask<Token>>(_ => throw new InvalidOperationException("boom"));
        _h.Options.ExtendedGrantTypes["https://example.com/g"] = grant;
        _h.AddClient(TestClients.Confidential with { Grants = ["https://example.com/g"] });
        var result = await _h.TokenAsync("grant_type=https%3A%2F%2Fexample.com%2Fg");
        Expect.TokenError(result, "server_error", 503);
        Assert.DoesNotContain("boom", result.Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("device_code")]
    [InlineData("my-grant")]
    [InlineData("/relative/grant")]
    [InlineData("a:b")]
    [InlineData("urn example")]
    [InlineData("")]
    [InlineData("https://example.com/\u00e9")]
    public void Extension_grant_names_must_be_absolute_uris(string name)
    {
        _h.Options.ExtendedGrantTypes[name] = new FixedUserGrant();
        var e = Assert.Throws<InvalidArgumentException>(() => _h.Server);
        Assert.Contains("absolute URI", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_extension_grant_is_refused()
    {
        _h.Options.ExtendedGrantTypes[DeviceCode] = null!;
        var e = Assert.Throws<InvalidArgumentException>(() => _h.Server);
        Assert.Contains(DeviceCode, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_grant_in_the_built_in_list_is_refused()
    {
        _h.Options.GrantTypes.Add("urn:example:params:oauth:grant-type:custom");
        var e = Assert.Throws<InvalidArgumentException>(() => _h.Server);
        Assert.Contains("ExtendedGrantTypes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extension_grants_work_with_no_built_in_grant()
    {
        _h.Options.GrantTypes.Clear();
        _h.Options.ExtendedGrantTypes[DeviceCode] = new FixedUserGrant();
        _h.AddClient(TestClients.Confidential with { Grants = [DeviceCode] });
        var result = await _h.TokenAsync("grant_type=" + Uri.EscapeDataString(DeviceCode) + "&device_code=ok");
        Assert.True(result.Succeeded, result.Error?.Description);
    }
}
