using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Pkce;
using OAuth2.Storage;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>RFC 6749 section 4.1.1/4.1.2 and RFC 7636 section 4.3/4.4 at the authorization endpoint.</summary>
public sealed class AuthorizeHandlerTests
{
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    public const string Pkce = "&code_challenge=" + Challenge + "&code_challenge_method=S256";

    private readonly Harness _h = new();

    private static string Q(string extra = "", string client = "c1") => $"response_type=code&client_id={client}&state=xyz{extra}";

    // ---- errors that are shown, never redirected ----

    [Fact]
    public async Task Missing_client_id_is_invalid_request_not_redirected()
    {
        var result = await _h.AuthorizeAsync("response_type=code&state=xyz");
        Expect.NotRedirected(result, "invalid_request");
        Assert.Equal("Missing parameter: `client_id`", result.Error!.Description);
    }

    [Fact]
    public async Task Non_vschar_client_id_is_invalid_request_not_redirected()
    {
        var result = await _h.AuthorizeAsync("response_type=code&state=xyz&client_id=c%C3%A91");
        Expect.NotRedirected(result, "invalid_request");
        Assert.Equal("Invalid parameter: `client_id`", result.Error!.Description);
    }

    [Fact]
    public async Task Repeated_client_id_is_invalid_request_not_redirected()
    {
        var result = await _h.AuthorizeAsync(Q() + "&client_id=c2");
        Expect.NotRedirected(result, "invalid_request");
    }

    [Fact]
    public async Task Overlong_client_id_is_refused_before_any_lookup()
    {
        var result = await _h.AuthorizeAsync(Q(client: new string('c', 3000)));
        Expect.NotRedirected(result, "invalid_request");
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Fact]
    public async Task Unknown_client_is_400_json_without_location_or_challenge()
    {
        var result = await _h.AuthorizeAsync(Q("&redirect_uri=https%3A%2F%2Fevil.example%2F", client: "unknown"));
        Expect.NotRedirected(result, "invalid_client");
        Assert.Equal(ErrorIds.ClientAuthenticationFailed, result.Error!.ErrorId);
        Assert.Equal(401, result.Error.StatusCode);
    }

    [Fact]
    public async Task State_is_not_echoed_before_the_client_is_known()
    {
        var result = await _h.AuthorizeAsync(Q(client: "unknown"));
        Assert.False(result.Response.Body!.ContainsKey("state"));
        Assert.Null(result.Response.RedirectLocation);
    }

    [Fact]
    public async Task Client_without_registered_redirect_uris_is_invalid_client_not_redirected()
    {
        var result = await _h.AuthorizeAsync(Q(client: "none"));
        Expect.NotRedirected(result, "invalid_client");
        Assert.Equal("Invalid client: missing client `redirectUri`", result.Error!.Description);
    }

    [Fact]
    public async Task Client_without_registered_redirect_uris_cannot_bring_its_own()
    {
        var result = await _h.AuthorizeAsync(Q("&redirect_uri=https%3A%2F%2Fx.example%2Fcb", client: "none"));
        Expect.NotRedirected(result, "invalid_client");
    }

    [Fact]
    public async Task Several_registered_uris_and_none_sent_is_invalid_request_not_redirected()
    {
        var result = await _h.AuthorizeAsync(Q(client: "multi"));
        Expect.NotRedirected(result, "invalid_request");
        Assert.Contains("redirect_uri", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_registered_uris_and_one_of_them_sent_redirects_there()
    {
        var result = await _h.AuthorizeAsync(Q("&redirect_uri=" + Uri.EscapeDataString("https://client.example.com/cb2"), client: "multi"));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.StartsWith("https://client.example.com/cb2?code=", result.Response.RedirectLocation, StringComparison.Ordinal);
        Assert.True(result.Value.Data.RedirectUriSupplied);
    }

    [Fact]
    public async Task Repeated_redirect_uri_is_invalid_request_not_redirected()
    {
        var uri = Uri.EscapeDataString(TestClients.RedirectUri);
        var result = await _h.AuthorizeAsync(Q($"&redirect_uri={uri}&redirect_uri={uri}"));
        Expect.NotRedirected(result, "invalid_request");
    }

    [Fact]
    public async Task Overlong_redirect_uri_is_invalid_request_not_redirected()
    {
        var result = await _h.AuthorizeAsync(Q("&redirect_uri=https%3A%2F%2Fclient.example.com%2F" + new string('a', 3000)));
        Expect.NotRedirected(result, "invalid_request");
    }

    [Fact]
    public async Task Model_failure_during_client_lookup_is_shown_as_server_error()
    {
        _h.Model.GetClientAsync("c1", Arg.Any<CancellationToken>()).ThrowsAsync(new StorageUnavailableException("down: secret-host:6379"));
        var result = await _h.AuthorizeAsync(Q());
        Assert.Equal(503, result.Response.StatusCode);
        Assert.Equal("server_error", result.Response.Body!["error"]);
        Assert.Null(result.Response.RedirectLocation);
        Assert.DoesNotContain("secret-host", (string)result.Response.Body["error_description"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_get_and_post_are_invalid_request_not_redirected(string method)
    {
        var result = await _h.AuthorizeAsync(Requests.AuthorizeGet(Q()) with { Method = method });
        Expect.NotRedirected(result, "invalid_request");
    }

    [Fact]
    public async Task Post_without_form_content_is_invalid_request_not_redirected()
    {
        var result = await _h.AuthorizeAsync(Requests.AuthorizePost(Q(), contentType: "application/json"));
        Expect.NotRedirected(result, "invalid_request");
    }

    [Fact]
    public async Task Post_reads_the_body_not_the_query()
    {
        var request = Requests.AuthorizePost("state=xyz") with { Query = FormUrlEncoding.Parse(Q()) };
        var result = await _h.AuthorizeAsync(request);
        Expect.NotRedirected(result, "invalid_request");
        Assert.Equal("Missing parameter: `client_id`", result.Error!.Description);
    }

    // ---- errors that are redirected, with state ----

    [Fact]
    public async Task Missing_state_is_redirected_invalid_request_without_state()
    {
        var result = await _h.AuthorizeAsync("response_type=code&client_id=c1");
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Equal("Missing parameter: `state`", query.GetSingle("error_description"));
        Assert.False(query.Contains("state"));
    }

    [Fact]
    public async Task Empty_state_counts_as_missing()
    {
        var result = await _h.AuthorizeAsync("response_type=code&client_id=c1&state=");
        Expect.RedirectedError(result, "invalid_request");
    }

    [Fact]
    public async Task Allow_empty_state_issues_a_code_without_state()
    {
        _h.Options.AllowEmptyState = true;
        var result = await _h.AuthorizeAsync("response_type=code&client_id=c1&state=");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.False(Requests.QueryOf(result.Response.RedirectLocation).Contains("state"));
    }

    [Fact]
    public async Task Non_vschar_state_is_invalid_request_and_not_echoed()
    {
        var result = await _h.AuthorizeAsync("response_type=code&client_id=c1&state=%C3%A9t%C3%A9");
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Equal("Invalid parameter: `state`", query.GetSingle("error_description"));
        Assert.False(query.Contains("state"));
    }

    [Fact]
    public async Task Overlong_state_is_invalid_request_and_not_echoed()
    {
        var result = await _h.AuthorizeAsync("response_type=code&client_id=c1&state=" + new string('s', 3000));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.False(query.Contains("state"));
    }

    [Fact]
    public async Task Repeated_state_is_invalid_request_and_not_echoed()
    {
        var result = await _h.AuthorizeAsync(Q("&state=abc"));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.False(query.Contains("state"));
    }

    [Theory]
    [InlineData("&scope=read&scope=write")]
    [InlineData("&response_type=code")]
    [InlineData("&code_challenge=a&code_challenge=b")]
    [InlineData("&foo=1&foo=2")]
    public async Task Repeated_parameter_is_redirected_invalid_request_with_state(string extra)
    {
        var result = await _h.AuthorizeAsync(Q(extra));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Equal("xyz", query.GetSingle("state"));
        Assert.Contains("repeated", query.GetSingle("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_response_type_is_redirected_invalid_request_with_state()
    {
        var result = await _h.AuthorizeAsync("client_id=c1&state=xyz");
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Equal("Missing parameter: `response_type`", query.GetSingle("error_description"));
        Assert.Equal("xyz", query.GetSingle("state"));
    }

    [Theory]
    [InlineData("token")]
    [InlineData("id_token")]
    [InlineData("code%20token")]
    [InlineData("CODE")]
    [InlineData("none")]
    [InlineData("code%20")]
    public async Task Other_response_types_are_unsupported_response_type(string responseType)
    {
        var result = await _h.AuthorizeAsync($"response_type={responseType}&client_id=c1&state=xyz");
        var query = Expect.RedirectedError(result, "unsupported_response_type");
        Assert.Equal("xyz", query.GetSingle("state"));
        await _h.Model.DidNotReceiveWithAnyArgs().SaveAuthorizationCodeAsync(default!, default!, default);
    }

    [Fact]
    public async Task Client_not_allowed_the_code_grant_is_redirected_unauthorized_client()
    {
        var result = await _h.AuthorizeAsync(Q(client: "cc-only"));
        var query = Expect.RedirectedError(result, "unauthorized_client");
        Assert.Equal("xyz", query.GetSingle("state"));
    }

    [Theory]
    [InlineData("%22quoted%22")]
    [InlineData("back%5Cslash")]
    [InlineData("tab%09bed")]
    [InlineData("%C3%A9")]
    [InlineData("%20%20")]
    public async Task Scope_outside_nqchar_is_redirected_invalid_scope(string scope)
    {
        var result = await _h.AuthorizeAsync(Q("&scope=" + scope));
        var query = Expect.RedirectedError(result, "invalid_scope");
        Assert.Equal("xyz", query.GetSingle("state"));
    }

    [Fact]
    public async Task Scope_beyond_the_clients_registration_is_redirected_invalid_scope()
    {
        var result = await _h.AuthorizeAsync(Q("&scope=read%20admin", client: "scoped"));
        var query = Expect.RedirectedError(result, "invalid_scope");
        Assert.Equal("Invalid scope: Requested scope is invalid", query.GetSingle("error_description"));
    }

    [Fact]
    public async Task Validation_alone_does_not_apply_scope_policy()
    {
        var result = await _h.ValidateAsync(Requests.AuthorizeGet(Q("&scope=admin", client: "scoped")));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(["admin"], result.Value.Scope);
    }

    [Fact]
    public async Task Allowed_false_is_redirected_access_denied_and_nothing_is_saved()
    {
        var result = await _h.AuthorizeAsync(Q("&allowed=false"));
        var query = Expect.RedirectedError(result, "access_denied");
        Assert.Equal("Access denied: user denied access to application", query.GetSingle("error_description"));
        Assert.Equal("xyz", query.GetSingle("state"));
        await _h.Model.DidNotReceiveWithAnyArgs().SaveAuthorizationCodeAsync(default!, default!, default);
    }

    [Theory]
    [InlineData("&allowed=true")]
    [InlineData("&allowed=FALSE")]
    [InlineData("&allowed=")]
    public async Task Only_the_exact_value_false_denies(string allowed)
    {
        var result = await _h.AuthorizeAsync(Q(allowed));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task No_authenticated_user_is_access_denied()
    {
        var result = await _h.Server.AuthorizeAsync(Requests.AuthorizeGet(Q()), (OAuth2User?)null, Harness.Ct);
        Expect.RedirectedError(result, "access_denied");
    }

    [Fact]
    public async Task Post_errors_redirect_with_303()
    {
        var result = await _h.AuthorizeAsync(Requests.AuthorizePost(Q("&allowed=false")));
        Expect.RedirectedError(result, "access_denied", status: 303);
    }

    [Fact]
    public async Task Error_redirects_carry_no_store()
    {
        var result = await _h.AuthorizeAsync(Q("&allowed=false"));
        Expect.NoStore(result.Response);
    }

    [Fact]
    public async Task Save_failure_is_redirected_as_server_error_without_the_message()
    {
        _h.Model.SaveAuthorizationCodeAsync(default!, default!, default).ReturnsForAnyArgs(_ => throw new InvalidOperationException("connection string Password=hunter2"));
        var result = await _h.AuthorizeAsync(Q());
        var query = Expect.RedirectedError(result, "server_error");
        Assert.DoesNotContain("hunter2", query.GetSingle("error_description"), StringComparison.Ordinal);
        Assert.Equal("xyz", query.GetSingle("state"));
    }

    // ---- PKCE at the authorization endpoint ----

    [Fact]
    public async Task S256_challenge_is_stored_with_the_code()
    {
        var result = await _h.AuthorizeAsync(Q(Pkce));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(Challenge, result.Value.Data.CodeChallenge);
        Assert.Equal(PkceMethods.S256, result.Value.Data.CodeChallengeMethod);
    }

    [Theory]
    [InlineData(43)]
    [InlineData(128)]
    public async Task Challenges_of_43_and_128_characters_are_accepted(int length)
    {
        var result = await _h.AuthorizeAsync(Q($"&code_challenge={new string('A', length)}&code_challenge_method=S256"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")]
    [InlineData("short")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw%2BcM")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw%2FcM")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM%3D")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw%20cM")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw%C3%A9cM")]
    public async Task Malformed_challenges_are_redirected_invalid_request(string challenge)
    {
        var result = await _h.AuthorizeAsync(Q($"&code_challenge={challenge}&code_challenge_method=S256"));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Equal("Invalid parameter: `code_challenge`", query.GetSingle("error_description"));
    }

    [Fact]
    public async Task Challenge_of_129_characters_is_invalid_request()
    {
        var result = await _h.AuthorizeAsync(Q($"&code_challenge={new string('A', 129)}&code_challenge_method=S256"));
        Expect.RedirectedError(result, "invalid_request");
    }

    [Fact]
    public async Task Challenge_without_a_method_is_invalid_request_when_plain_is_off()
    {
        var result = await _h.AuthorizeAsync(Q("&code_challenge=" + Challenge));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Contains("code_challenge_method", query.GetSingle("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Challenge_without_a_method_defaults_to_plain_when_plain_is_on()
    {
        _h.Options.EnablePlainPkce = true;
        var result = await _h.AuthorizeAsync(Q("&code_challenge=" + Verifier));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(PkceMethods.Plain, result.Value.Data.CodeChallengeMethod);
    }

    [Fact]
    public async Task Plain_is_refused_by_default()
    {
        var result = await _h.AuthorizeAsync(Q($"&code_challenge={Verifier}&code_challenge_method=plain"));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Contains("plain? is not allowed", query.GetSingle("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_is_accepted_when_enabled()
    {
        _h.Options.EnablePlainPkce = true;
        var result = await _h.AuthorizeAsync(Q($"&code_challenge={Verifier}&code_challenge_method=plain"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("S512")]
    [InlineData("s256")]
    [InlineData("SHA256")]
    [InlineData("PLAIN")]
    public async Task Unknown_methods_are_invalid_request(string method)
    {
        var result = await _h.AuthorizeAsync(Q($"&code_challenge={Challenge}&code_challenge_method={method}"));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Contains("not supported", query.GetSingle("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Method_without_a_challenge_is_invalid_request()
    {
        var result = await _h.AuthorizeAsync(Q("&code_challenge_method=S256"));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Equal("Missing parameter: `code_challenge`", query.GetSingle("error_description"));
    }

    [Fact]
    public async Task Public_client_without_pkce_is_redirected_invalid_request()
    {
        var result = await _h.AuthorizeAsync(Q(client: "pub1"));
        var query = Expect.RedirectedError(result, "invalid_request");
        Assert.Contains("PKCE is required", query.GetSingle("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_client_with_pkce_gets_a_code()
    {
        var result = await _h.AuthorizeAsync(Q(Pkce, client: "pub1"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Confidential_client_without_pkce_is_allowed_by_default()
    {
        var result = await _h.AuthorizeAsync(Q());
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Null(result.Value.Data.CodeChallenge);
    }

    [Fact]
    public async Task Require_pkce_option_refuses_confidential_clients_without_it()
    {
        _h.Options.RequirePkce = true;
        var result = await _h.AuthorizeAsync(Q());
        Expect.RedirectedError(result, "invalid_request");
    }

    [Fact]
    public async Task Client_require_pkce_refuses_requests_without_it()
    {
        var result = await _h.AuthorizeAsync(Q(client: "pkce"));
        Expect.RedirectedError(result, "invalid_request");
    }

    // ---- success ----

    [Fact]
    public async Task Success_redirects_with_the_saved_code_and_state()
    {
        string? savedCode = null;
        AuthorizationCode? saved = null;
        await _h.Model.SaveAuthorizationCodeAsync(Arg.Do<string>(c => savedCode = c), Arg.Do<AuthorizationCode>(d => saved = d), Arg.Any<CancellationToken>());
        var result = await _h.AuthorizeAsync(Q("&scope=read%20write" + Pkce));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(302, result.Response.StatusCode);
        Expect.NoStore(result.Response);
        var query = Requests.QueryOf(result.Response.RedirectLocation);
        Assert.Equal(savedCode, query.GetSingle("code"));
        Assert.Equal("xyz", query.GetSingle("state"));
        Assert.Equal($"{TestClients.RedirectUri}?code={savedCode}&state=xyz&iss=https%3A%2F%2Fas.example.com", result.Response.RedirectLocation);
        Assert.NotNull(saved);
        Assert.Equal("c1", saved.ClientId);
        Assert.Equal(Harness.Alice, saved.User);
        Assert.Equal(["read", "write"], saved.Scope);
        Assert.Equal(Harness.Start, saved.IssuedAt);
        Assert.Equal(Harness.Start.AddSeconds(300), saved.ExpiresAt);
        Assert.Equal(TestClients.RedirectUri, saved.RedirectUri);
        Assert.False(saved.RedirectUriSupplied);
        Assert.False(string.IsNullOrEmpty(saved.GrantId));
        Assert.Null(saved.RedeemedAt);
        Assert.Equal(savedCode, result.Value.Code);
    }

    [Fact]
    public async Task Each_code_gets_its_own_grant_id_and_value()
    {
        var a = await _h.AuthorizeAsync(Q());
        var b = await _h.AuthorizeAsync(Q());
        Assert.NotEqual(a.Value!.Code, b.Value!.Code);
        Assert.NotEqual(a.Value.Data.GrantId, b.Value.Data.GrantId);
    }

    [Fact]
    public async Task Sent_redirect_uri_is_recorded_as_supplied()
    {
        var result = await _h.AuthorizeAsync(Q("&redirect_uri=" + Uri.EscapeDataString(TestClients.RedirectUri)));
        Assert.True(result.Value!.Data.RedirectUriSupplied);
    }

    [Fact]
    public async Task Percent_encoded_unreserved_characters_in_redirect_uri_decode_before_comparison()
    {
        var result = await _h.AuthorizeAsync(Q("&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Authorization_code_lifetime_option_sets_the_expiry()
    {
        _h.Options.AuthorizationCodeLifetime = TimeSpan.FromSeconds(60);
        var result = await _h.AuthorizeAsync(Q());
        Assert.Equal(Harness.Start.AddSeconds(60), result.Value!.Data.ExpiresAt);
    }

    [Fact]
    public async Task Post_consent_redirects_with_303()
    {
        var result = await _h.AuthorizeAsync(Requests.AuthorizePost(Q()));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(303, result.Response.StatusCode);
    }

    [Theory]
    [InlineData("a%20b%2Bc%26d", "a b+c&d")]
    [InlineData("100%25", "100%")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script>alert(1)</script>")]
    [InlineData("x%3Dy%3Bz", "x=y;z")]
    public async Task State_round_trips_percent_encoded_on_success(string sent, string decoded)
    {
        var result = await _h.AuthorizeAsync($"response_type=code&client_id=c1&state={sent}");
        var location = result.Response.RedirectLocation!;
        Assert.Equal(decoded, Requests.QueryOf(location).GetSingle("state"));
        Assert.DoesNotContain('<', location);
        Assert.DoesNotContain(' ', location);
        Assert.Equal(3, location.Count(c => c == '&') + 1); // code, state, iss
    }

    [Fact]
    public async Task State_round_trips_percent_encoded_on_error()
    {
        var result = await _h.AuthorizeAsync("response_type=token&client_id=c1&state=a%20b%2Bc%26d%25");
        var query = Expect.RedirectedError(result, "unsupported_response_type");
        Assert.Equal("a b+c&d%", query.GetSingle("state"));
    }

    [Fact]
    public async Task Registered_uri_with_a_query_keeps_it_on_success()
    {
        var result = await _h.AuthorizeAsync(Q(client: "query"));
        Assert.StartsWith("https://client.example.com/cb?tenant=a&code=", result.Response.RedirectLocation, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz&iss=https%3A%2F%2Fas.example.com", result.Response.RedirectLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_uri_with_a_query_keeps_it_and_the_error_parameters_on_error()
    {
        // node-oauth2-server #455 drops error, error_description and state here.
        var result = await _h.AuthorizeAsync(Q("&allowed=false", client: "query"));
        var query = Expect.RedirectedError(result, "access_denied", "https://client.example.com/cb?tenant=a");
        Assert.Equal("a", query.GetSingle("tenant"));
        Assert.Equal("xyz", query.GetSingle("state"));
        Assert.NotNull(query.GetSingle("error_description"));
    }

    [Fact]
    public async Task Issuer_adds_iss_to_success_redirects()
    {
        _h.Options.Issuer = "https://as.example.com";
        var result = await _h.AuthorizeAsync(Q());
        Assert.EndsWith("&iss=https%3A%2F%2Fas.example.com", result.Response.RedirectLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuer_adds_iss_to_error_redirects()
    {
        _h.Options.Issuer = "https://as.example.com";
        var result = await _h.AuthorizeAsync(Q("&allowed=false"));
        var query = Expect.RedirectedError(result, "access_denied");
        Assert.Equal("https://as.example.com", query.GetSingle("iss"));
    }

    [Fact]
    public async Task Without_an_issuer_the_authorization_endpoint_refuses_to_run()
    {
        // RFC 9207: iss is in every authorization response, so a server without an issuer is misconfigured; it must
        // never fall back to a value an attacker controls (a Host header).
        _h.Options.Issuer = null;
        var authorize = await Assert.ThrowsAsync<OAuth2.Errors.InvalidArgumentException>(() => _h.AuthorizeAsync(Q()));
        Assert.Contains("Issuer", authorize.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OAuth2.Errors.InvalidArgumentException>(() => _h.ValidateAsync(Requests.AuthorizeGet(Q())));
    }

    [Fact]
    public async Task Every_redirect_carries_iss_by_default_harness_issuer()
    {
        var success = await _h.AuthorizeAsync(Q());
        Assert.Equal(Harness.Issuer, Requests.QueryOf(success.Response.RedirectLocation).GetSingle("iss"));
        var denied = await _h.AuthorizeAsync(Q("&allowed=false"));
        Assert.Equal(Harness.Issuer, Requests.QueryOf(denied.Response.RedirectLocation).GetSingle("iss"));
    }

    [Fact]
    public async Task Unknown_parameters_are_ignored()
    {
        var result = await _h.AuthorizeAsync(Q("&foo=bar&nonce=n"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Scope_is_limited_to_the_registered_scopes_and_defaults_to_all_of_them()
    {
        var result = await _h.AuthorizeAsync(Q(client: "scoped"));
        Assert.Equal(["read", "write"], result.Value!.Data.Scope);
    }

    [Fact]
    public async Task A_model_scope_validator_decides_the_code_scope()
    {
        var h = Harness.For<IScopeValidatingModel>();
        var validator = (IScopeValidatingModel)h.Model;
        validator.ValidateScopeAsync(default!, default!, default!, default).ReturnsForAnyArgs(new List<string> { "narrowed" });
        var result = await h.AuthorizeAsync(Q("&scope=wide"));
        Assert.Equal(["narrowed"], result.Value!.Data.Scope);
    }

    [Fact]
    public async Task A_model_scope_validator_returning_null_is_invalid_scope()
    {
        var h = Harness.For<IScopeValidatingModel>();
        var result = await h.AuthorizeAsync(Q("&scope=wide"));
        Expect.RedirectedError(result, "invalid_scope");
    }

    [Fact]
    public async Task A_model_redirect_validator_replaces_exact_matching()
    {
        var h = Harness.For<IRedirectValidatingModel>();
        var validator = (IRedirectValidatingModel)h.Model;
        validator.ValidateRedirectUriAsync("https://dynamic.example.com/cb", Arg.Any<OAuth2Client>(), Arg.Any<CancellationToken>()).Returns(true);
        var accepted = await h.AuthorizeAsync(Q("&redirect_uri=" + Uri.EscapeDataString("https://dynamic.example.com/cb")));
        var refused = await h.AuthorizeAsync(Q("&redirect_uri=" + Uri.EscapeDataString(TestClients.RedirectUri)));
        Assert.StartsWith("https://dynamic.example.com/cb?code=", accepted.Response.RedirectLocation, StringComparison.Ordinal);
        Expect.NotRedirected(refused, "invalid_client");
    }

    [Fact]
    public async Task A_model_generator_supplies_the_code()
    {
        var h = Harness.For<IGeneratingModel>();
        ((IGeneratingModel)h.Model).GenerateAuthorizationCodeAsync(default!, default!, default!, default).ReturnsForAnyArgs("code-from-model");
        var result = await h.AuthorizeAsync(Q());
        Assert.Equal("code-from-model", result.Value!.Code);
    }

    [Fact]
    public async Task Validate_returns_the_request_without_saving_anything()
    {
        var result = await _h.ValidateAsync(Requests.AuthorizeGet(Q("&scope=read" + Pkce)));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("c1", result.Value.Client.Id);
        Assert.Equal(TestClients.RedirectUri, result.Value.RedirectUri);
        Assert.Equal("xyz", result.Value.State);
        Assert.Equal(["read"], result.Value.Scope);
        Assert.Equal(Challenge, result.Value.CodeChallenge);
        Assert.Null(result.Response.RedirectLocation);
        await _h.Model.DidNotReceiveWithAnyArgs().SaveAuthorizationCodeAsync(default!, default!, default);
    }

    [Fact]
    public async Task Validate_redirects_errors_like_authorize()
    {
        var result = await _h.ValidateAsync(Requests.AuthorizeGet("response_type=token&client_id=c1&state=xyz"));
        var query = Expect.RedirectedError(result, "unsupported_response_type");
        Assert.Equal("xyz", query.GetSingle("state"));
    }

    [Fact]
    public async Task Authorize_with_the_bearer_token_of_the_request_issues_for_its_user()
    {
        _h.AddAccessToken("tok", _h.NewAccessToken() with { User = new OAuth2User("bob") });
        var result = await _h.Server.AuthorizeAsync(Requests.AuthorizeGet(Q(), "Bearer tok"), Harness.Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("bob", result.Value.Data.User.Id);
    }

    [Fact]
    public async Task Authorize_with_the_bearer_token_of_the_request_without_a_token_is_a_401_challenge()
    {
        var result = await _h.Server.AuthorizeAsync(Requests.AuthorizeGet(Q()), Harness.Ct);
        Assert.False(result.Succeeded);
        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal("Bearer realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
        Assert.Null(result.Response.RedirectLocation);
    }

    [Fact]
    public async Task Authorize_endpoint_needs_the_code_grant_enabled()
    {
        _h.Options.GrantTypes.Remove(GrantTypes.AuthorizationCode);
        var e = await Assert.ThrowsAsync<InvalidArgumentException>(() => _h.AuthorizeAsync(Q()));
        Assert.Contains("authorization_code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        using var cts = new CancellationTokenSource();
        _h.Model.GetClientAsync("c1", Arg.Any<CancellationToken>()).Returns<ValueTask<OAuth2Client?>>(_ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Server.AuthorizeAsync(Requests.AuthorizeGet(Q()), Harness.Alice, cts.Token).AsTask());
    }
}
