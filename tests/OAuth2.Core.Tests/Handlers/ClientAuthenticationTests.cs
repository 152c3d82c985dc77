using System.Text;
using NSubstitute;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Http;
using OAuth2.Security;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>RFC 6749 sections 2.3 and 2.3.1: client authentication at the token endpoint.</summary>
public sealed class ClientAuthenticationTests
{
    private const string VectorId = "1PpG/Q 1";
    private const string VectorSecret = "z/tZ9VwFZqApmIQ+ZH1I5pLk/uB4ud:X2/8bL+wfFTt1rFw=";

    private readonly Harness _h = new();

    private static OAuth2Client VectorClient => new()
    {
        Id = VectorId,
        SecretHash = ClientSecretHasher.HashGeneratedSecret(VectorSecret),
        Grants = [GrantTypes.ClientCredentials],
    };

    private Task<OAuth2Result<Tokens.Token>> Cc(string authorization, string body = "grant_type=client_credentials")
        => _h.TokenAsync(Requests.Token(body, authorization));

    [Fact]
    public async Task Basic_credentials_authenticate()
    {
        var result = await Cc(Requests.Basic("c1", TestClients.Secret));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("c1", result.Value.Client.Id);
    }

    [Fact]
    public async Task Body_credentials_authenticate()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=c1&client_secret=s3cret", clientId: null);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Rfc6749_basic_example_header_decodes_to_its_client()
    {
        _h.AddClient(new OAuth2Client { Id = "s6BhdRkqt3", SecretHash = ClientSecretHasher.HashGeneratedSecret("7Fjfp0ZBr1KtDRbnfVdmIw"), Grants = [GrantTypes.ClientCredentials] });
        var result = await Cc("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Rfc6749_2_3_1_vector_form_encoded_then_base64_authenticates()
    {
        _h.AddClient(VectorClient);
        var pair = FormUrlEncoding.Encode(VectorId) + ":" + FormUrlEncoding.Encode(VectorSecret);
        var result = await Cc("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(VectorId, result.Value.Client.Id);
    }

    [Fact]
    public async Task Rfc6749_2_3_1_vector_published_header_authenticates()
    {
        _h.AddClient(VectorClient);
        var result = await Cc("Basic MVBwRyUyRlErMTp6JTJGdFo5VndGWnFBcG1JUSUyQlpIMUk1cExrJTJGdUI0dWQlM0FYMiUyRjhiTCUyQndmRlR0MXJGdyUzRA==");
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Rfc6749_2_3_1_vector_without_form_encoding_fails()
    {
        _h.AddClient(VectorClient);
        var result = await Cc(Requests.BasicRaw(VectorId + ":" + VectorSecret));
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task Basic_splits_at_the_first_colon_only()
    {
        _h.AddClient(new OAuth2Client { Id = "a", SecretHash = ClientSecretHasher.HashGeneratedSecret("b:c"), Grants = [GrantTypes.ClientCredentials] });
        var result = await Cc(Requests.BasicRaw("a:b:c"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Basic_plus_decodes_to_space_and_percent_2B_to_plus()
    {
        _h.AddClient(new OAuth2Client { Id = "a", SecretHash = ClientSecretHasher.HashGeneratedSecret("x y+z"), Grants = [GrantTypes.ClientCredentials] });
        var result = await Cc(Requests.BasicRaw("a:x+y%2Bz"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("BASIC")]
    [InlineData("bAsIc")]
    public async Task Basic_scheme_is_case_insensitive(string scheme)
    {
        var header = Requests.Basic("c1", TestClients.Secret).Replace("Basic", scheme, StringComparison.Ordinal);
        var result = await Cc(header);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Basic_tolerates_extra_spaces_around_the_payload()
    {
        var header = Requests.Basic("c1", TestClients.Secret).Replace("Basic ", "Basic   ", StringComparison.Ordinal) + "  ";
        var result = await Cc(header);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic YzE6czNjcmV0=")]
    [InlineData("Basic YzE6czNjcmV0P")]
    [InlineData("Basic YzE6czNjcmU")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic ====")]
    [InlineData("Basic YzE6 czNjcmV0")]
    public async Task Malformed_base64_or_empty_basic_is_invalid_client_401(string header)
    {
        var result = await Cc(header);
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Equal("Basic realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
    }

    [Theory]
    [InlineData("c1s3cret")]
    [InlineData(":s3cret")]
    [InlineData(":")]
    [InlineData("c1%ZZ:s3cret")]
    [InlineData("c1:s3%G1cret")]
    [InlineData("c1:s3cret%")]
    [InlineData("c1:%C3%28")]
    [InlineData("c1:s3%0D%0Acret")]
    [InlineData("c1%00:s3cret")]
    [InlineData("c1:s3\r\ncret")]
    [InlineData("c\u00e91:s3cret")]
    public async Task Malformed_basic_pairs_are_invalid_client_401_never_an_exception(string pair)
    {
        var result = await Cc(Requests.BasicRaw(pair));
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Equal("Basic realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Theory]
    [InlineData(new byte[] { 0x63, 0x31, 0x3A, 0xC3, 0x28 })] // in the secret
    [InlineData(new byte[] { 0x63, 0xC3, 0x3A, 0x73 })] // a sequence cut by the colon
    [InlineData(new byte[] { 0xFF, 0x3A, 0x73 })] // in the id
    public async Task Basic_with_invalid_utf8_bytes_is_invalid_client(byte[] pair)
    {
        var result = await Cc("Basic " + Convert.ToBase64String(pair));
        Expect.TokenError(result, "invalid_client", 401);
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Fact]
    public async Task Basic_with_an_empty_secret_is_invalid_request()
    {
        var result = await Cc(Requests.BasicRaw("c1:"));
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Missing parameter: `client_secret`", result.Error!.Description);
    }

    [Fact]
    public async Task The_realm_option_names_the_basic_challenge()
    {
        _h.Options.Realm = "as.example.com";
        var result = await Cc(Requests.Basic("c1", "nope"));
        Assert.Equal("Basic realm=\"as.example.com\"", result.Response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Wrong_basic_secret_is_invalid_client_401()
    {
        var result = await Cc(Requests.Basic("c1", "wrong"));
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Equal("Invalid client: client is invalid", result.Error!.Description);
    }

    [Fact]
    public async Task Wrong_body_secret_is_invalid_client_401_with_a_challenge()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=c1&client_secret=wrong", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task Unknown_client_and_wrong_secret_look_the_same()
    {
        var unknown = await Cc(Requests.Basic("ghost", "whatever"));
        var wrong = await Cc(Requests.Basic("c1", "whatever"));
        Expect.TokenError(unknown, "invalid_client", 401);
        Assert.Equal(wrong.Response.StatusCode, unknown.Response.StatusCode);
        Assert.Equal(wrong.Response.Body!["error_description"], unknown.Response.Body!["error_description"]);
    }

    [Fact]
    public async Task Client_ids_are_case_sensitive()
    {
        var result = await Cc(Requests.Basic("C1", TestClients.Secret));
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task A_model_returning_a_client_with_another_id_is_invalid_client()
    {
        _h.Model.GetClientAsync("C1", Arg.Any<CancellationToken>()).Returns(TestClients.Confidential);
        var result = await Cc(Requests.Basic("C1", TestClients.Secret));
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task No_credentials_at_all_is_invalid_client()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Equal(ErrorIds.ClientCredentialsMissing, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Client_id_alone_is_not_authentication_for_a_confidential_client()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=c1", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Equal("Invalid client: client is invalid", result.Error!.Description);
    }

    [Fact]
    public async Task Empty_client_secret_is_treated_as_omitted()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=c1&client_secret=", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Equal("Invalid client: client is invalid", result.Error!.Description);
    }

    [Fact]
    public async Task A_confidential_client_id_without_a_secret_answers_exactly_like_an_unknown_id()
    {
        // Without a secret nothing is hashed on either path, so the text is all that could tell them apart.
        var known = await _h.TokenAsync("grant_type=client_credentials&client_id=c1", clientId: null);
        var unknown = await _h.TokenAsync("grant_type=client_credentials&client_id=nobody", clientId: null);
        Assert.Equal(unknown.Response.StatusCode, known.Response.StatusCode);
        Assert.Equal(unknown.Response.GetJsonBody().ToArray(), known.Response.GetJsonBody().ToArray());
        Assert.Equal(unknown.Response.Headers.OrderBy(h => h.Key), known.Response.Headers.OrderBy(h => h.Key));
    }

    [Fact]
    public async Task Basic_and_body_secret_together_are_invalid_request()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials&client_id=c1&client_secret=s3cret", Requests.Basic("c1", TestClients.Secret)));
        Expect.TokenError(result, "invalid_request");
        Assert.Equal("Invalid request: only one authentication method is allowed", result.Error!.Description);
    }

    [Fact]
    public async Task Basic_with_a_different_body_client_id_is_invalid_request()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials&client_id=c2", Requests.Basic("c1", TestClients.Secret)));
        Expect.TokenError(result, "invalid_request");
        Assert.Contains("does not match", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_with_the_same_body_client_id_is_accepted()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials&client_id=c1", Requests.Basic("c1", TestClients.Secret)));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Another_authorization_scheme_is_ignored_and_body_credentials_used()
    {
        var result = await _h.TokenAsync(Requests.Token("grant_type=client_credentials&client_id=c1&client_secret=s3cret", "Bearer abc"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Two_authorization_headers_are_invalid_request()
    {
        var request = Requests.Token("grant_type=client_credentials") with
        {
            Headers = Requests.Headers(("Content-Type", Requests.Form), ("Authorization", Requests.Basic("c1", TestClients.Secret)), ("Authorization", Requests.Basic("c2", TestClients.OtherSecret))),
        };
        var result = await _h.TokenAsync(request);
        Expect.TokenError(result, "invalid_request");
    }

    [Theory]
    [InlineData("client_id=c%C3%A91&client_secret=s3cret", "Invalid parameter: `client_id`")]
    [InlineData("client_id=c1&client_secret=s3%C3%A9cret", "Invalid parameter: `client_secret`")]
    public async Task Body_credentials_outside_vschar_are_invalid_request(string credentials, string description)
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&" + credentials, clientId: null);
        Expect.TokenError(result, "invalid_request");
        Assert.Equal(description, result.Error!.Description);
    }

    [Fact]
    public async Task Public_client_with_a_secret_is_invalid_client()
    {
        var result = await _h.TokenAsync("grant_type=authorization_code&code=x&client_id=pub1&client_secret=anything", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
        Assert.Contains("public clients", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_client_with_basic_credentials_is_invalid_client()
    {
        var result = await Cc(Requests.Basic("pub1", "anything"), "grant_type=authorization_code&code=x");
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task Public_client_on_client_credentials_is_unauthorized_client()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=pub1", clientId: null);
        Expect.TokenError(result, "unauthorized_client");
        await _h.Model.DidNotReceiveWithAnyArgs().GetUserFromClientAsync(default!, default);
    }

    [Fact]
    public async Task Public_client_on_client_credentials_stays_unauthorized_even_if_authentication_is_waived()
    {
        _h.Options.RequireClientAuthentication[GrantTypes.ClientCredentials] = false;
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=pub1", clientId: null);
        Expect.TokenError(result, "unauthorized_client");
    }

    [Fact]
    public async Task Public_client_on_password_is_unauthorized_client_by_default()
    {
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&client_id=pub1", clientId: null);
        Expect.TokenError(result, "unauthorized_client");
    }

    [Fact]
    public async Task Public_client_on_password_is_allowed_when_authentication_is_waived_for_it()
    {
        _h.Options.RequireClientAuthentication[GrantTypes.Password] = false;
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&client_id=pub1", clientId: null);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Public_client_may_use_the_refresh_grant_without_a_secret()
    {
        _h.AddRefreshToken("rt", _h.NewRefreshToken("pub1"));
        var result = await _h.TokenAsync("grant_type=refresh_token&refresh_token=rt&client_id=pub1", clientId: null);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Confidential_client_without_a_secret_is_accepted_when_authentication_is_waived_for_the_grant()
    {
        _h.Options.RequireClientAuthentication[GrantTypes.Password] = false;
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&client_id=c1", clientId: null);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Waiving_authentication_does_not_ignore_a_wrong_secret()
    {
        _h.Options.RequireClientAuthentication[GrantTypes.Password] = false;
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&client_id=c1&client_secret=wrong", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task Waiving_authentication_for_one_grant_does_not_waive_it_for_another()
    {
        _h.Options.RequireClientAuthentication[GrantTypes.Password] = false;
        var result = await _h.TokenAsync("grant_type=client_credentials&client_id=c1", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task Explicitly_requiring_authentication_behaves_as_the_default()
    {
        _h.Options.RequireClientAuthentication[GrantTypes.Password] = true;
        var result = await _h.TokenAsync("grant_type=password&username=alice&password=pw&client_id=c1", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task A_client_without_a_secret_hash_never_authenticates()
    {
        _h.AddClient(TestClients.Confidential with { SecretHash = null });
        var result = await Cc(Requests.Basic("c1", TestClients.Secret));
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public async Task A_pbkdf2_secret_hash_authenticates()
    {
        _h.AddClient(TestClients.Confidential with { SecretHash = ClientSecretHasher.HashChosenSecret("chosen", iterations: 1000) });
        var result = await Cc(Requests.Basic("c1", "chosen"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task A_model_secret_validator_replaces_the_hash_check()
    {
        var h = Harness.For<ISecretValidatingModel>();
        var validator = (ISecretValidatingModel)h.Model;
        validator.ValidateClientSecretAsync(Arg.Any<OAuth2Client>(), "legacy", Arg.Any<CancellationToken>()).Returns(true);
        var ok = await h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", "legacy")));
        var bad = await h.TokenAsync(Requests.Token("grant_type=client_credentials", Requests.Basic("c1", TestClients.Secret)));
        Assert.True(ok.Succeeded, ok.Error?.Description);
        Expect.TokenError(bad, "invalid_client", 401);
        await validator.Received(1).ValidateClientSecretAsync(Arg.Is<OAuth2Client>(c => c.Id == "c1"), "legacy", Arg.Any<CancellationToken>());
    }
    [Fact]
    public async Task Oversized_basic_credentials_are_invalid_client_without_a_lookup()
    {
        var result = await Cc(Requests.Basic(new string('c', 5000), "x"));
        Expect.TokenError(result, "invalid_client", 401);
        await _h.Model.DidNotReceiveWithAnyArgs().GetClientAsync(default!, default);
    }

    [Fact]
    public async Task Oversized_basic_secret_is_invalid_client()
    {
        var result = await Cc(Requests.Basic("c1", new string('s', 5000)));
        Expect.TokenError(result, "invalid_client", 401);
    }
}
