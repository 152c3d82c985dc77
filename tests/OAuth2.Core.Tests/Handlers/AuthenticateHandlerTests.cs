using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Core.Tests.Support;
using OAuth2.Model;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>RFC 6750 bearer authentication at a protected resource.</summary>
public sealed class AuthenticateHandlerTests
{
    private const string Token = "mF_9.B5f-4.1JqM";
    private readonly Harness _h = new();

    public AuthenticateHandlerTests() => _h.AddAccessToken(Token);

    private static void Challenge(OAuth2Result<AccessToken> result, int status, string? error)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(status, result.Response.StatusCode);
        var challenge = result.Response.Headers["WWW-Authenticate"];
        Assert.StartsWith("Bearer realm=\"Service\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', challenge);
        Assert.DoesNotContain('\n', challenge);
        foreach (var param in new[] { "realm=", "error=", "error_description=", "scope=" })
        {
            Assert.True(CountOf(challenge, " " + param) + CountOf(challenge, "," + param) <= 1, challenge);
        }

        if (error is null)
        {
            Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
            Assert.Null(result.Response.Body);
        }
        else
        {
            Assert.Contains($"error=\"{error}\"", challenge, StringComparison.Ordinal);
            Assert.Equal(error, result.Response.Body!["error"]);
        }
    }

    private static int CountOf(string s, string sub) => (s.Length - s.Replace(sub, string.Empty, StringComparison.Ordinal).Length) / sub.Length;

    [Fact]
    public async Task Header_token_authenticates()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("alice", result.Value.User.Id);
        Assert.Equal(200, result.Response.StatusCode);
        Assert.Empty(result.Response.Headers);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("bEaReR ")]
    [InlineData("Bearer    ")]
    public async Task Scheme_is_case_insensitive_and_spaces_may_repeat(string prefix)
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(prefix + Token));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Padding_at_the_end_is_valid_token68()
    {
        _h.AddAccessToken("abc==");
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer abc=="));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Token_values_are_case_sensitive()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token.ToUpperInvariant()));
        Challenge(result, 401, "invalid_token");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer     ")]
    [InlineData("Bearer\tabc")]
    [InlineData("Bearer a,b")]
    [InlineData("Bearer a b")]
    [InlineData("Bearer a=b")]
    [InlineData("Bearer =abc")]
    [InlineData("Bearer \"abc\"")]
    [InlineData("Bearer a\\b")]
    [InlineData("Bearer a;b")]
    [InlineData("Bearer a%20b")]
    [InlineData("Bearer \u00e9t\u00e9")]
    [InlineData("Bearer abc\r\nX-Injected: 1")]
    [InlineData("Bearer T1, Bearer T2")]
    public async Task Malformed_bearer_header_is_400_invalid_request_and_never_echoed(string header)
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(header));
        Challenge(result, 400, "invalid_request");
        Assert.Equal("Invalid request: malformed authorization header", result.Error!.Description);
        await _h.Model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, default);
    }

    [Theory]
    [InlineData("Basic YzE6czNjcmV0")]
    [InlineData("Token abc")]
    [InlineData("BearerT")]
    [InlineData("")]
    public async Task Other_schemes_are_401_without_an_error_code(string header)
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(header));
        Challenge(result, 401, null);
        Assert.Equal("unauthorized_request", result.Error!.Error);
    }

    [Fact]
    public async Task No_credentials_is_a_bare_401_challenge()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource());
        Challenge(result, 401, null);
        Assert.Equal("Bearer realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Realm_option_names_the_challenge()
    {
        _h.Options.Realm = "api";
        var result = await _h.AuthenticateAsync(Requests.Resource());
        Assert.Equal("Bearer realm=\"api\"", result.Response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Two_authorization_headers_are_invalid_request()
    {
        var request = Requests.Resource() with { Headers = Requests.Headers(("Authorization", "Bearer " + Token), ("Authorization", "Bearer other")) };
        var result = await _h.AuthenticateAsync(request);
        Challenge(result, 400, "invalid_request");
    }

    [Fact]
    public async Task Header_and_body_token_together_are_invalid_request()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token, "POST", "access_token=" + Token));
        Challenge(result, 400, "invalid_request");
        Assert.Equal("Invalid request: only one authentication method is allowed", result.Error!.Description);
    }

    [Fact]
    public async Task Query_token_is_ignored_by_default()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(query: "access_token=" + Token));
        Challenge(result, 401, null);
        await _h.Model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, default);
    }

    [Fact]
    public async Task Query_token_next_to_a_header_token_is_ignored_by_default()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token, query: "access_token=other"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Query_token_is_accepted_when_enabled()
    {
        _h.Options.AllowBearerTokensInQueryString = true;
        var result = await _h.AuthenticateAsync(Requests.Resource(query: "access_token=" + Token));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Query_and_header_token_together_are_invalid_request_when_query_tokens_are_enabled()
    {
        _h.Options.AllowBearerTokensInQueryString = true;
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token, query: "access_token=" + Token));
        Challenge(result, 400, "invalid_request");
    }

    [Fact]
    public async Task Malformed_query_token_is_invalid_request_when_enabled()
    {
        _h.Options.AllowBearerTokensInQueryString = true;
        var result = await _h.AuthenticateAsync(Requests.Resource(query: "access_token=a%20b"));
        Challenge(result, 400, "invalid_request");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Form_body_token_is_accepted_on_methods_with_a_body(string method)
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(method: method, body: "access_token=" + Token));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Body_token_on_get_is_invalid_request()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(method: "GET", body: "access_token=" + Token));
        Challenge(result, 400, "invalid_request");
        Assert.Contains("GET", result.Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Body_token_without_form_content_is_invalid_request(string contentType)
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(method: "POST", body: "access_token=" + Token, contentType: contentType));
        Challenge(result, 400, "invalid_request");
    }

    [Fact]
    public async Task Empty_body_token_is_invalid_request()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(method: "POST", body: "access_token="));
        Challenge(result, 400, "invalid_request");
    }

    [Fact]
    public async Task Repeated_body_token_is_invalid_request()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource(method: "POST", body: $"access_token={Token}&access_token={Token}"));
        Challenge(result, 400, "invalid_request");
    }

    [Fact]
    public async Task Unknown_token_is_401_invalid_token()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer unknown"));
        Challenge(result, 401, "invalid_token");
        Assert.Contains("error_description=\"Invalid token: access token is invalid\"", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_expiring_now_is_expired()
    {
        _h.AddAccessToken("t2", _h.NewAccessToken() with { ExpiresAt = Harness.Start });
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer t2"));
        Challenge(result, 401, "invalid_token");
        Assert.Equal("Invalid token: access token has expired", result.Error!.Description);
    }

    [Fact]
    public async Task Token_expires_as_the_clock_moves()
    {
        var before = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        _h.Time.Advance(TimeSpan.FromHours(1));
        var after = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        Assert.True(before.Succeeded);
        Challenge(after, 401, "invalid_token");
    }

    [Fact]
    public async Task Required_scope_held_succeeds_with_both_scope_headers()
    {
        _h.AddAccessToken("rw", _h.NewAccessToken() with { Scope = ["read", "write"] });
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer rw"), "read");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("read", result.Response.Headers["X-Accepted-OAuth-Scopes"]);
        Assert.Equal("read write", result.Response.Headers["X-OAuth-Scopes"]);
    }

    [Fact]
    public async Task Scope_headers_can_be_turned_off()
    {
        _h.Options.AddAcceptedScopesHeader = false;
        _h.Options.AddAuthorizedScopesHeader = false;
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token), "read");
        Assert.True(result.Succeeded);
        Assert.False(result.Response.Headers.ContainsKey("X-Accepted-OAuth-Scopes"));
        Assert.False(result.Response.Headers.ContainsKey("X-OAuth-Scopes"));
    }

    [Fact]
    public async Task Only_the_accepted_scopes_header_can_be_kept()
    {
        _h.Options.AddAuthorizedScopesHeader = false;
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token), "read");
        Assert.Equal("read", result.Response.Headers["X-Accepted-OAuth-Scopes"]);
        Assert.False(result.Response.Headers.ContainsKey("X-OAuth-Scopes"));
    }

    [Fact]
    public async Task Insufficient_scope_is_403_with_the_required_scope_in_the_challenge()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token), "read", "write");
        Challenge(result, 403, "insufficient_scope");
        Assert.Contains("scope=\"read write\"", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        Assert.Equal("Insufficient scope: authorized scope is insufficient", result.Error!.Description);
    }

    [Fact]
    public async Task A_model_scope_verifier_decides_when_implemented()
    {
        var h = Harness.For<IScopeVerifyingModel>();
        h.AddAccessToken(Token);
        var verifier = (IScopeVerifyingModel)h.Model;
        verifier.VerifyScopeAsync(Arg.Any<AccessToken>(), Arg.Is<IReadOnlyList<string>>(s => s.Contains("admin")), Arg.Any<CancellationToken>()).Returns(true);
        var admin = await h.AuthenticateAsync(Requests.Resource("Bearer " + Token), "admin");
        var read = await h.AuthenticateAsync(Requests.Resource("Bearer " + Token), "read");
        Assert.True(admin.Succeeded, admin.Error?.Description);
        Challenge(read, 403, "insufficient_scope");
        await verifier.Received(2).VerifyScopeAsync(Arg.Any<AccessToken>(), Arg.Any<IReadOnlyList<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_scope_verifier_is_not_consulted_without_a_required_scope()
    {
        var h = Harness.For<IScopeVerifyingModel>();
        h.AddAccessToken(Token);
        var result = await h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        Assert.True(result.Succeeded);
        await ((IScopeVerifier)h.Model).DidNotReceiveWithAnyArgs().VerifyScopeAsync(default!, default!, default);
    }

    [Fact]
    public async Task Store_outage_is_503_server_error_without_a_challenge()
    {
        _h.Model.GetAccessTokenAsync(Token, Arg.Any<CancellationToken>()).ThrowsAsync(new StorageUnavailableException("redis down"));
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        Assert.Equal(503, result.Response.StatusCode);
        Assert.Equal("server_error", result.Response.Body!["error"]);
        Assert.Equal("Server error: the token store is unavailable, try again later", result.Response.Body["error_description"]);
        Assert.False(result.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public async Task Other_model_failures_do_not_leak_their_message()
    {
        _h.Model.GetAccessTokenAsync(Token, Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("secret detail"));
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        Assert.Equal("server_error", result.Response.Body!["error"]);
        Assert.DoesNotContain("secret detail", (string)result.Response.Body["error_description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_without_get_access_token_is_a_500_server_error()
    {
        var model = (IClientModel)Substitute.For([typeof(IClientModel), typeof(ITokenModel), typeof(IClientCredentialsModel)], []);
        var server = new OAuth2Server(model, new OAuth2ServerOptions { GrantTypes = new HashSet<string> { GrantTypes.ClientCredentials } });
        var result = await server.AuthenticateAsync(Requests.Resource("Bearer " + Token), null, Harness.Ct);
        Assert.Equal(500, result.Response.StatusCode);
        Assert.Equal("server_error", result.Response.Body!["error"]);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        _h.Model.GetAccessTokenAsync(Token, Arg.Any<CancellationToken>()).ThrowsAsync(new OperationCanceledException(cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Server.AuthenticateAsync(Requests.Resource("Bearer " + Token), null, cts.Token).AsTask());
    }

    [Fact]
    public async Task Cancellation_exception_with_a_live_token_is_a_server_error()
    {
        _h.Model.GetAccessTokenAsync(Token, Arg.Any<CancellationToken>()).ThrowsAsync(new OperationCanceledException());
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + Token));
        Assert.Equal("server_error", result.Response.Body!["error"]);
    }
    [Fact]
    public async Task Oversized_token_is_invalid_token_without_a_lookup()
    {
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + new string('a', 64 * 1024)));
        Challenge(result, 401, "invalid_token");
        await _h.Model.DidNotReceiveWithAnyArgs().GetAccessTokenAsync(default!, default);
    }

    [Fact]
    public async Task Token_at_the_size_limit_is_looked_up()
    {
        var token = new string('a', 2048);
        _h.AddAccessToken(token);
        var result = await _h.AuthenticateAsync(Requests.Resource("Bearer " + token));
        Assert.True(result.Succeeded, result.Error?.Description);
    }
}
