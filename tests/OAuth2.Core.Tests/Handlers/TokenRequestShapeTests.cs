using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>RFC 6749 section 3.2: what the token endpoint accepts before any grant runs.</summary>
public sealed class TokenRequestShapeTests
{
    private readonly Harness _h = new();

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    public async Task Methods_other_than_POST_are_invalid_request(string method)
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret), method: method));
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Invalid request: method must be POST", result.Error!.Description);
    }

    [Fact]
    public async Task Lower_case_post_is_accepted()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret), method: "post"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencodedx")]
    [InlineData("")]
    public async Task Content_types_other_than_form_are_invalid_request(string? contentType)
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret), contentType: contentType));
        Expect.TokenError(result, "invalid_request");
        Assert.Contains("application/x-www-form-urlencoded", result.Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded;charset=utf-8")]
    [InlineData("Application/X-WWW-Form-URLEncoded")]
    [InlineData(" application/x-www-form-urlencoded ")]
    public async Task Form_content_type_with_parameters_or_other_case_is_accepted(string contentType)
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret), contentType: contentType));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&grant_type=client_credentials")]
    [InlineData("grant_type=client_credentials&scope=read&scope=write")]
    [InlineData("grant_type=client_credentials&scope=&scope=read")]
    [InlineData("grant_type=client_credentials&foo=1&foo=2")]
    [InlineData("grant_type=client_credentials&client_id=c1&client_id=c1")]
    public async Task Any_repeated_parameter_is_invalid_request_without_a_token(string body)
    {
        var result = await _h.TokenAsync(body);
        Expect.TokenError(result, "invalid_request");
        Assert.Contains("repeated", result.Error!.Description, StringComparison.Ordinal);
        await _h.Model.DidNotReceiveWithAnyArgs().SaveTokenAsync(default!, default);
    }

    [Fact]
    public async Task Oversized_value_is_invalid_request_before_any_lookup()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&scope=" + new string('a', 2049));
        Expect.TokenError(result, "invalid_request");
        Assert.Contains("too long", result.Error!.Description, StringComparison.Ordinal);
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Fact]
    public async Task Oversized_parameter_name_is_invalid_request_and_the_name_is_truncated_in_the_description()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&" + new string('n', 3000) + "=1");
        Expect.TokenError(result, "invalid_request");
        Assert.True(result.Error!.Description.Length < 200);
    }

    [Fact]
    public async Task Value_at_the_configured_limit_is_accepted()
    {
        _h.Options.MaxParameterLength = 64;
        var result = await _h.TokenAsync("grant_type=client_credentials&foo=" + new string('a', 64));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Unknown_parameters_are_ignored()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&foo=bar&response_type=code");
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Client_secret_in_the_query_is_invalid_request_and_not_echoed()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials", query: "client_id=c1&client_secret=s3cret"));
        Expect.TokenError(result, "invalid_request");
        Assert.DoesNotContain("s3cret", result.Error!.Description, StringComparison.Ordinal);
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Fact]
    public async Task Client_secret_in_the_query_is_refused_even_with_valid_basic_credentials()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret), query: "client_secret=s3cret"));
        Expect.TokenError(result, "invalid_request");
    }

    [Fact]
    public async Task Missing_grant_type_is_invalid_request()
    {
        var result = await _h.TokenAsync("scope=read");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `grant_type`", result.Error!.Description);
    }

    [Fact]
    public async Task Empty_grant_type_is_treated_as_missing()
    {
        var result = await _h.TokenAsync("grant_type=");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `grant_type`", result.Error!.Description);
    }

    [Theory]
    [InlineData("client credentials")]
    [InlineData("client%2Bcredentials")]
    [InlineData("a*b")]
    [InlineData("%C3%A9")]
    [InlineData("/relative")]
    [InlineData("a/b")]
    public async Task Grant_type_outside_the_grammar_is_invalid_request(string grantType)
    {
        var result = await _h.TokenAsync("grant_type=" + grantType);
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Invalid parameter: `grant_type`", result.Error!.Description);
    }

    [Theory]
    [InlineData("Authorization_Code")]
    [InlineData("CLIENT_CREDENTIALS")]
    [InlineData("implicit")]
    [InlineData("token")]
    [InlineData("urn:example:unknown")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    [InlineData("https://example.com/grants/custom")]
    public async Task Unknown_grant_type_is_unsupported_grant_type(string grantType)
    {
        var result = await _h.TokenAsync("grant_type=" + Uri.EscapeDataString(grantType));
        Expect.TokenError(result, "unsupported_grant_type");
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Fact]
    public async Task Grant_disabled_in_options_is_unsupported_grant_type()
    {
        _h.Options.GrantTypes.Remove(GrantTypes.Password);
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw");
        Expect.TokenError(result, "unsupported_grant_type");
    }

    [Fact]
    public async Task No_grants_enabled_means_every_token_request_is_unsupported_grant_type()
    {
        _h.Options.GrantTypes.Clear();
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "unsupported_grant_type");
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("refresh_token")]
    [InlineData("password")]
    public async Task Grant_not_in_the_clients_list_is_unauthorized_client(string grantType)
    {
        var result = await _h.TokenAsync(Requests.Token($"grant_type={grantType}&code=x&refresh_token=x&username=alice&password=pw", Requests.Basic("cc-only", TestClients.Secret)));
        Expect.TokenError(result, "unauthorized_client");
        Assert.Equal(ErrorIds.GrantNotAllowedForClient, result.Error!.ErrorId);
        await _h.Model.DidNotReceiveWithAnyArgs().GetAuthorizationCodeAsync(default!, default);
        await _h.Model.DidNotReceiveWithAnyArgs().GetRefreshTokenAsync(default!, default);
        await _h.Model.DidNotReceiveWithAnyArgs().GetUserAsync(default!, default!, default!, default);
    }

    [Fact]
    public async Task Client_is_authenticated_before_the_grant_runs()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw", "c1", "wrong");
        Expect.TokenError(result, "invalid_client", 401);
        await _h.Model.DidNotReceiveWithAnyArgs().GetUserAsync(default!, default!, default!, default);
    }

    [Fact]
    public async Task Non_vschar_code_is_invalid_request()
    {
        var result = await _h.TokenAsync("grant_type=authorization_code&code=%C3%A9");
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Invalid parameter: `code`", result.Error!.Description);
    }

    [Fact]
    public async Task Errors_carry_no_store_and_pragma()
    {
        var result = await _h.TokenAsync("grant_type=nope");
        Expect.NoStore(result.Response);
    }

    [Fact]
    public async Task Save_token_returning_null_is_a_500_server_error()
    {
        _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns((Token)null!);
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "server_error", 500);
    }

    [Fact]
    public async Task Save_token_returning_an_empty_access_token_is_a_500_server_error()
    {
        _h.Model.SaveTokenAsync(Arg.Any<Token>(), Arg.Any<CancellationToken>()).Returns(ci => ci.ArgAt<Token>(0) with { AccessToken = string.Empty });
        var result = await _h.TokenAsync("grant_type=client_credentials");
        Expect.TokenError(result, "server_error", 500);
        Assert.Equal("invalid_argument", result.Error!.Error);
    }
}
