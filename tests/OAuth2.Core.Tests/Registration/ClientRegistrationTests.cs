using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Registration;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.Registration;

/// <summary>
/// Dynamic client registration (RFC 7591) and management (RFC 7592) through the server, over the real in-memory
/// store: one test per rule, the RFC section in its name.
/// </summary>
public sealed class ClientRegistrationTests
{
    private const string InitialToken = RegistrationTestKit.InitialToken;
    private static readonly Uri Endpoint = RegistrationTestKit.Endpoint;
    private static readonly string InitialTokenHash = RegistrationTestKit.InitialTokenHash;

    private readonly InMemoryStore _store = new(new FakeTimeProvider(Harness.Start));
    private readonly CountingClients _clients;

    public ClientRegistrationTests() => _clients = new CountingClients(_store);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OAuth2Server Server(Action<ClientRegistrationOptions>? configure = null, StoreModelPolicy? policy = null)
    {
        var registration = new ClientRegistrationOptions { InitialAccessTokenHashes = [InitialTokenHash], AllowedScopes = ["read", "write"] };
        configure?.Invoke(registration);
        return new OAuth2Server(new StoreBackedModel(_clients, _store, _store, policy), Options(registration), new FakeTimeProvider(Harness.Start));
    }

    /// <summary>The server's grants without <c>password</c>, which a store-backed model offers only with a GetUser policy.</summary>
    private static OAuth2ServerOptions Options(ClientRegistrationOptions? registration) => new()
    {
        GrantTypes = new HashSet<string>(StringComparer.Ordinal) { GrantTypes.AuthorizationCode, GrantTypes.ClientCredentials, GrantTypes.RefreshToken },
        ClientRegistration = registration,
        Issuer = Harness.Issuer,
        ClientAssertions = { ReplayCache = new InMemoryReplayCache() },
    };

    private static OAuth2Request Json(string method, string? body, string? bearer = InitialToken, string contentType = "application/json")
    {
        var headers = new List<(string, string)>();
        if (body is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        if (bearer is not null)
        {
            headers.Add(("Authorization", "Bearer " + bearer));
        }

        return new OAuth2Request { Method = method, Headers = Requests.Headers([.. headers]), Body = body is null ? default : Encoding.UTF8.GetBytes(body) };
    }

    private static async Task<(OAuth2Result<OAuth2Client> Result, JsonElement Json)> RegisterAsync(OAuth2Server server, string body, string? bearer = InitialToken)
    {
        var result = await server.RegisterClientAsync(Json("POST", body, bearer), Endpoint, Ct);
        var bytes = result.Response.GetJsonBody();
        return (result, bytes.Length == 0 ? default : JsonDocument.Parse(bytes).RootElement.Clone());
    }

    private static async Task<(OAuth2Result<OAuth2Client> Result, JsonElement Json)> ManageAsync(OAuth2Server server, string method, string clientId, string? bearer, string? body = null)
    {
        var result = await server.ManageClientAsync(Json(method, body, bearer), Endpoint, clientId, Ct);
        var bytes = result.Response.GetJsonBody();
        return (result, bytes.Length == 0 ? default : JsonDocument.Parse(bytes).RootElement.Clone());
    }

    private static void Refused<TException>(OAuth2Result<OAuth2Client> result, string errorId)
        where TException : OAuth2Exception
    {
        Assert.False(result.Succeeded);
        Assert.IsType<TException>(result.Error);
        Assert.Equal(errorId, result.Error.ErrorId);
    }

    private const string Web = """{"redirect_uris":["https://app.example.com/cb"]}""";

    [Fact]
    public async Task Fapi2_5_3_2_1_registration_defaults_to_private_key_jwt_and_refuses_every_secret_method()
    {
        // Under the profile a registered secret could never authenticate, so none is handed out.
        var options = Options(new ClientRegistrationOptions { InitialAccessTokenHashes = [InitialTokenHash], AllowedScopes = ["read"] });
        options.Profile = SecurityProfile.Fapi2;
        options.Dpop.ReplayCache = new InMemoryReplayCache();
        var server = new OAuth2Server(new StoreBackedModel(_clients, _store, _store) { PushedAuthorizations = _store }, options, new FakeTimeProvider(Harness.Start));

        foreach (var method in new[] { "client_secret_basic", "client_secret_post", "none" })
        {
            var (refused, _) = await RegisterAsync(server, $$"""{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"{{method}}"}""");
            Refused<InvalidClientMetadataException>(refused, ErrorIds.AuthenticationMethodNotSupported);
        }

        var (withoutKeys, _) = await RegisterAsync(server, Web);
        Refused<InvalidClientMetadataException>(withoutKeys, ErrorIds.AuthenticationMethodNotSupported);

        var (keyed, json) = await RegisterAsync(server, $$"""{"redirect_uris":["https://app.example.com/cb"],"jwks":{{JoseTestKit.Es256().JwkSetJson()}}}""");
        Assert.True(keyed.Succeeded, json.ToString());
        Assert.Equal("private_key_jwt", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.False(json.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task Rfc7591_3_registers_a_confidential_code_client_with_a_generated_secret_stored_only_hashed()
    {
        var (result, json) = await RegisterAsync(Server(), """{"redirect_uris":["https://app.example.com/cb"],"client_name":"App","scope":"read"}""");

        Assert.True(result.Succeeded, json.ToString());
        Assert.Equal(201, result.Response.StatusCode);
        Assert.Equal("no-store", result.Response.Headers["Cache-Control"]);
        var id = json.GetProperty("client_id").GetString()!;
        var secret = json.GetProperty("client_secret").GetString()!;
        var registrationToken = json.GetProperty("registration_access_token").GetString()!;
        Assert.Equal(43, id.Length); // 256 bits from the CSPRNG, base64url
        Assert.Equal(Harness.Start.ToUnixTimeSeconds(), json.GetProperty("client_id_issued_at").GetInt64());
        Assert.Equal(0, json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Equal("https://as.example.com/register/" + id, json.GetProperty("registration_client_uri").GetString());
        Assert.Equal(new[] { "authorization_code" }, json.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "code" }, json.GetProperty("response_types").EnumerateArray().Select(e => e.GetString()));

        var stored = await _store.FindClientAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(ClientType.Confidential, stored.Type);
        Assert.True(stored.RequirePkce);
        Assert.StartsWith("sha256$", stored.SecretHash, StringComparison.Ordinal);
        Assert.True(ClientSecretHasher.Verify(secret, stored.SecretHash));
        Assert.True(ClientSecretHasher.Verify(registrationToken, stored.RegistrationAccessTokenHash));
        Assert.Equal("App", stored.Properties["client_name"]);
        Assert.Equal(new[] { "read" }, stored.Scopes);
        Assert.DoesNotContain(stored.Properties.Values, v => v.Contains(secret, StringComparison.Ordinal) || v.Contains(registrationToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rfc7591_2_none_registers_a_public_client_without_a_secret()
    {
        var (result, json) = await RegisterAsync(Server(), """{"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"none"}""");

        Assert.True(result.Succeeded, json.ToString());
        Assert.False(json.TryGetProperty("client_secret", out _));
        Assert.False(json.TryGetProperty("client_secret_expires_at", out _));
        Assert.Equal(ClientType.Public, result.Value!.Type);
        Assert.Null(result.Value.SecretHash);
    }

    [Fact]
    public async Task Rfc7591_3_a_missing_initial_access_token_is_401_without_an_error_code()
    {
        var (result, _) = await RegisterAsync(Server(), Web, bearer: null);

        Assert.IsType<UnauthorizedRequestException>(result.Error);
        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal("Bearer realm=\"Service\"", result.Response.Headers["WWW-Authenticate"]);
        Assert.Equal(0, _clients.Saves);
    }

    [Fact]
    public async Task Rfc7591_3_a_wrong_initial_access_token_is_invalid_token()
    {
        var (result, json) = await RegisterAsync(Server(), Web, bearer: InitialToken + "x");

        Refused<InvalidTokenException>(result, ErrorIds.InitialAccessTokenInvalid);
        Assert.Equal(401, result.Response.StatusCode);
        Assert.Equal("invalid_token", json.GetProperty("error").GetString());
        Assert.Contains("error=\"invalid_token\"", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfc7591_3_without_configured_tokens_and_not_open_every_registration_is_refused()
    {
        var (result, _) = await RegisterAsync(Server(o => o.InitialAccessTokenHashes = []), Web);

        Refused<InvalidTokenException>(result, ErrorIds.InitialAccessTokenInvalid);
    }

    [Fact]
    public async Task Rfc7591_3_open_registration_needs_no_token()
    {
        var (result, json) = await RegisterAsync(Server(o => o.AllowOpenRegistration = true), Web, bearer: null);

        Assert.True(result.Succeeded, json.ToString());
    }

    [Fact]
    public void A_configured_initial_access_token_that_is_not_a_sha256_digest_fails_construction()
    {
        Assert.Throws<InvalidArgumentException>(() => Server(o => o.InitialAccessTokenHashes = [InitialToken]));
    }

    [Theory]
    [InlineData("http://app.example.com/cb")] // RFC 8252 section 7.3: http only on loopback
    [InlineData("http://localhost/cb")] // RFC 8252 section 8.3: localhost is not a loopback literal
    [InlineData("https://app.example.com/cb#fragment")] // RFC 6749 section 3.1.2: no fragment
    [InlineData("/relative/cb")]
    [InlineData("myapp:/cb")] // RFC 8252 section 7.1: a private-use scheme is a reverse domain name
    [InlineData("com.example.app:/cb")] // private-use schemes are for public native clients only
    [InlineData("https://evil.example.net/cb")] // outside AllowedRedirectHosts
    public async Task Rfc7591_2_unacceptable_redirect_uris_are_invalid_redirect_uri(string uri)
    {
        var server = Server(o => o.AllowedRedirectHosts = ["app.example.com"]);
        var (result, json) = await RegisterAsync(server, $$"""{"redirect_uris":["{{uri}}"]}""");

        Refused<InvalidRedirectUriException>(result, ErrorIds.RedirectUriNotAllowed);
        Assert.Equal("invalid_redirect_uri", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1/cb", "client_secret_basic")] // RFC 8252 section 7.3
    [InlineData("http://[::1]:8080/cb", "none")]
    [InlineData("com.example.app:/oauth2redirect", "none")] // RFC 8252 section 7.1
    [InlineData("https://APP.example.com/cb", "client_secret_post")]
    public async Task Rfc8252_loopback_private_use_and_allowed_https_redirect_uris_are_accepted(string uri, string method)
    {
        var server = Server(o => o.AllowedRedirectHosts = ["app.example.com"]);
        var (result, json) = await RegisterAsync(server, $$"""{"redirect_uris":["{{uri}}"],"token_endpoint_auth_method":"{{method}}"}""");

        Assert.True(result.Succeeded, json.ToString());
        Assert.Equal(new[] { uri }, result.Value!.RedirectUris);
    }

    [Fact]
    public async Task Rfc7591_2_the_code_grant_requires_redirect_uris()
    {
        var (result, _) = await RegisterAsync(Server(), "{}");

        Refused<InvalidRedirectUriException>(result, ErrorIds.RedirectUriNotAllowed);
    }

    [Theory]
    [InlineData("""["client_credentials"]""", """["code"]""")] // code without authorization_code
    [InlineData("""["authorization_code"]""", """[]""")] // authorization_code without code
    [InlineData("""["authorization_code"]""", """["token"]""")] // implicit is not supported
    public async Task Rfc7591_2_1_grant_types_and_response_types_must_agree(string grants, string responseTypes)
    {
        var server = Server(o => o.AllowedGrantTypes.Add(GrantTypes.ClientCredentials));
        var (result, _) = await RegisterAsync(server, $$"""{"redirect_uris":["https://app.example.com/cb"],"grant_types":{{grants}},"response_types":{{responseTypes}}}""");

        Refused<InvalidClientMetadataException>(result, ErrorIds.GrantAndResponseTypesInconsistent);
    }

    [Theory]
    [InlineData("password")] // not allowed by default
    [InlineData("client_credentials")] // not allowed by default
    [InlineData("urn:example:unknown")] // not enabled on the server
    public async Task Rfc7591_2_grant_types_outside_the_policy_are_invalid_client_metadata(string grant)
    {
        var (result, _) = await RegisterAsync(Server(), $$"""{"grant_types":["{{grant}}"]}""");

        Refused<InvalidClientMetadataException>(result, ErrorIds.GrantTypeNotAllowed);
    }

    [Fact]
    public async Task Rfc6749_4_4_a_public_client_cannot_register_client_credentials()
    {
        var server = Server(o => o.AllowedGrantTypes.Add(GrantTypes.ClientCredentials));
        var (result, _) = await RegisterAsync(server, """{"grant_types":["client_credentials"],"token_endpoint_auth_method":"none"}""");

        Refused<InvalidClientMetadataException>(result, ErrorIds.GrantTypeNotAllowed);
    }

    [Fact]
    public async Task Allowed_client_credentials_registers_a_client_without_redirect_uris()
    {
        var server = Server(o => o.AllowedGrantTypes.Add(GrantTypes.ClientCredentials));
        var (result, json) = await RegisterAsync(server, """{"grant_types":["client_credentials"]}""");

        Assert.True(result.Succeeded, json.ToString());
        Assert.Empty(json.GetProperty("response_types").EnumerateArray());
    }

    [Theory]
    [InlineData("private_key_jwt")] // needs a JWK set on the client record: not supported here
    [InlineData("client_secret_jwt")]
    [InlineData("tls_client_auth")]
    public async Task Rfc7591_2_unsupported_token_endpoint_auth_methods_are_refused(string method)
    {
        var (result, _) = await RegisterAsync(Server(), $$$"""{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"{{{method}}}","jwks":{"keys":[]}}""");

        Refused<InvalidClientMetadataException>(result, ErrorIds.AuthenticationMethodNotSupported);
    }

    [Fact]
    public async Task Rfc7523_private_key_jwt_with_jwks_registers_a_keyed_client_that_authenticates_by_assertion()
    {
        var key = JoseTestKit.Es256("k1");
        var server = Server(o => o.AllowedGrantTypes.Add(GrantTypes.ClientCredentials));
        var (result, json) = await RegisterAsync(server, $$"""{"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt","jwks":{{key.JwkSetJson()}}}""");

        Assert.True(result.Succeeded, json.ToString());
        Assert.False(json.TryGetProperty("client_secret", out _));
        Assert.Equal("private_key_jwt", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("k1", json.GetProperty("jwks").GetProperty("keys")[0].GetProperty("kid").GetString());
        var stored = (await _store.FindClientAsync(result.Value!.Id, Ct))!;
        Assert.Equal(TokenEndpointAuthMethods.PrivateKeyJwt, stored.TokenEndpointAuthMethod);
        Assert.Equal(ClientType.Confidential, stored.Type);
        Assert.Null(stored.SecretHash);

        var now = Harness.Start.ToUnixTimeSeconds();
        var assertion = key.Sign(new Dictionary<string, object?>
        {
            ["iss"] = stored.Id,
            ["sub"] = stored.Id,
            ["aud"] = Harness.Issuer,
            ["exp"] = now + 60,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString(),
        });
        var token = await server.TokenAsync(
            Requests.Token("grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + assertion) with { Path = "/token" },
            Ct);
        Assert.True(token.Succeeded, token.Error?.Description);
    }

    [Theory]
    [InlineData("""{"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt","jwks_uri":"https://app.example.com/jwks"}""")] // not fetched
    [InlineData("""{"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt"}""")] // no keys at all
    [InlineData("""{"grant_types":["client_credentials"],"token_endpoint_auth_method":"private_key_jwt","jwks":{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}}""")] // no usable public key
    public async Task Rfc7591_2_private_key_jwt_needs_inline_public_keys(string body)
    {
        var server = Server(o => o.AllowedGrantTypes.Add(GrantTypes.ClientCredentials));
        var (result, _) = await RegisterAsync(server, body);

        Refused<InvalidClientMetadataException>(result, ErrorIds.AuthenticationMethodNotSupported);
    }

    [Fact]
    public async Task Rfc7591_2_jwks_and_jwks_uri_together_are_invalid_client_metadata()
    {
        var (result, _) = await RegisterAsync(Server(), """{"redirect_uris":["https://app.example.com/cb"],"jwks":{"keys":[]},"jwks_uri":"https://app.example.com/jwks"}""");

        Refused<InvalidClientMetadataException>(result, ErrorIds.ClientMetadataMalformed);
    }

    [Fact]
    public async Task Public_clients_can_be_turned_off()
    {
        var (result, _) = await RegisterAsync(Server(o => o.AllowPublicClients = false), """{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"none"}""");

        Refused<InvalidClientMetadataException>(result, ErrorIds.AuthenticationMethodNotSupported);
    }

    [Fact]
    public async Task Rfc7591_2_scope_outside_the_allowed_scopes_is_refused_and_omitted_scope_gets_them_all()
    {
        var server = Server();
        var (refused, _) = await RegisterAsync(server, """{"redirect_uris":["https://app.example.com/cb"],"scope":"read admin"}""");
        var (omitted, json) = await RegisterAsync(server, Web);

        Refused<InvalidClientMetadataException>(refused, ErrorIds.RegistrationScopeNotAllowed);
        Assert.Equal("read write", json.GetProperty("scope").GetString());
        Assert.Equal(new[] { "read", "write" }, omitted.Value!.Scopes);
    }

    [Fact]
    public async Task Rfc7591_2_3_a_software_statement_is_unapproved()
    {
        var (result, json) = await RegisterAsync(Server(), """{"redirect_uris":["https://app.example.com/cb"],"software_statement":"eyJhbGciOiJub25lIn0.e30."}""");

        Refused<UnapprovedSoftwareStatementException>(result, ErrorIds.SoftwareStatementNotSupported);
        Assert.Equal("unapproved_software_statement", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    [InlineData("""{"redirect_uris":"https://app.example.com/cb"}""")] // a string, not an array
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"redirect_uris":["https://b.example.com/cb"]}""")] // repeated member
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"client_name":7}""")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"client_name":""}""")]
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"logo_uri":"javascript:alert(1)"}""")]
    [InlineData("""{"redirect_uris":["https://a.example/1","https://a.example/2","https://a.example/3"]}""")] // over MaxRedirectUris
    [InlineData("""{"redirect_uris":["https://app.example.com/cb"],"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}""")] // too deep
    public async Task Rfc7591_2_malformed_metadata_is_invalid_client_metadata(string body)
    {
        var (result, _) = await RegisterAsync(Server(o => o.MaxRedirectUris = 2), body);

        Refused<InvalidClientMetadataException>(result, ErrorIds.ClientMetadataMalformed);
        Assert.Equal(0, _clients.Saves);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_parsed()
    {
        var body = "{\"client_name\":\"" + new string('a', 20_000) + "\"}";
        var (result, _) = await RegisterAsync(Server(), body);

        Refused<InvalidClientMetadataException>(result, ErrorIds.ClientMetadataMalformed);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_is_invalid_request()
    {
        var result = await Server().RegisterClientAsync(Json("POST", Web, contentType: "application/x-www-form-urlencoded"), Endpoint, Ct);

        Assert.IsType<InvalidRequestException>(result.Error);
    }

    [Fact]
    public async Task Rfc7591_2_unknown_metadata_is_ignored_but_shown_to_the_policy_which_is_called_once()
    {
        var calls = 0;
        JsonElement seen = default;
        var policy = new StoreModelPolicy
        {
            ApproveRegistration = (context, _) =>
            {
                calls++;
                seen = context.Metadata["x_tenant"];
                return ValueTask.FromResult(context.Client with { Properties = new Dictionary<string, string>(context.Client.Properties) { ["tenant"] = seen.GetString()! } });
            },
        };
        var (result, json) = await RegisterAsync(Server(policy: policy), """{"redirect_uris":["https://app.example.com/cb"],"x_tenant":"t1"}""");

        Assert.True(result.Succeeded, json.ToString());
        Assert.Equal(1, calls);
        Assert.False(json.TryGetProperty("x_tenant", out _));
        Assert.Equal("t1", (await _store.FindClientAsync(result.Value!.Id, Ct))!.Properties["tenant"]);
    }

    [Fact]
    public async Task A_policy_refusal_saves_nothing()
    {
        var policy = new StoreModelPolicy
        {
            ApproveRegistration = (_, _) => throw new InvalidClientMetadataException("Invalid client metadata: not today") { ErrorId = ErrorIds.RegistrationRefusedByPolicy },
        };
        var (result, _) = await RegisterAsync(Server(policy: policy), Web);

        Refused<InvalidClientMetadataException>(result, ErrorIds.RegistrationRefusedByPolicy);
        Assert.Equal(0, _clients.Saves);
    }

    [Fact]
    public async Task Rfc7592_2_1_read_returns_the_metadata_without_the_secret()
    {
        var server = Server();
        var (_, created) = await RegisterAsync(server, """{"redirect_uris":["https://app.example.com/cb"],"client_name":"App","contacts":["a@example.com"]}""");
        var id = created.GetProperty("client_id").GetString()!;

        var (read, json) = await ManageAsync(server, "GET", id, created.GetProperty("registration_access_token").GetString());

        Assert.True(read.Succeeded, json.ToString());
        Assert.Equal(200, read.Response.StatusCode);
        Assert.Equal("App", json.GetProperty("client_name").GetString());
        Assert.Equal("a@example.com", json.GetProperty("contacts")[0].GetString());
        Assert.False(json.TryGetProperty("client_secret", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Rfc7592_2_a_missing_or_wrong_registration_access_token_is_401_bearer(string? token)
    {
        var server = Server();
        var (_, created) = await RegisterAsync(server, Web);

        var (result, _) = await ManageAsync(server, "GET", created.GetProperty("client_id").GetString()!, token);

        Assert.Equal(401, result.Response.StatusCode);
        Assert.StartsWith("Bearer realm=", result.Response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        if (token is not null)
        {
            Assert.Equal(ErrorIds.RegistrationAccessTokenInvalid, result.Error!.ErrorId);
        }
    }

    [Fact]
    public async Task Rfc7592_2_another_clients_token_and_a_statically_configured_client_are_refused_alike()
    {
        var server = Server();
        var (_, first) = await RegisterAsync(server, Web);
        var (_, second) = await RegisterAsync(server, Web);
        await _store.SaveClientAsync(new OAuth2Client { Id = "static", SecretHash = ClientSecretHasher.HashGeneratedSecret("s") }, Ct);

        var (crossed, _) = await ManageAsync(server, "DELETE", first.GetProperty("client_id").GetString()!, second.GetProperty("registration_access_token").GetString());
        var (configured, _) = await ManageAsync(server, "GET", "static", second.GetProperty("registration_access_token").GetString());

        Refused<InvalidTokenException>(crossed, ErrorIds.RegistrationAccessTokenInvalid);
        Refused<InvalidTokenException>(configured, ErrorIds.RegistrationAccessTokenInvalid);
        Assert.NotNull(await _store.FindClientAsync(first.GetProperty("client_id").GetString()!, Ct));
    }

    [Fact]
    public async Task Rfc7592_2_2_update_replaces_every_field_keeps_the_secret_and_rotates_the_registration_token()
    {
        var server = Server();
        var (_, created) = await RegisterAsync(server, """{"redirect_uris":["https://app.example.com/cb"],"client_name":"Old","scope":"read write"}""");
        var id = created.GetProperty("client_id").GetString()!;
        var token = created.GetProperty("registration_access_token").GetString()!;
        var secret = created.GetProperty("client_secret").GetString()!;

        var (updated, json) = await ManageAsync(server, "PUT", id, token, $$"""{"client_id":"{{id}}","client_secret":"{{secret}}","redirect_uris":["https://app.example.com/new"]}""");

        Assert.True(updated.Succeeded, json.ToString());
        Assert.False(json.TryGetProperty("client_name", out _));
        Assert.False(json.TryGetProperty("client_secret", out _)); // kept, not shown again
        var stored = (await _store.FindClientAsync(id, Ct))!;
        Assert.Equal(new[] { "https://app.example.com/new" }, stored.RedirectUris);
        Assert.False(stored.Properties.ContainsKey("client_name"));
        Assert.True(ClientSecretHasher.Verify(secret, stored.SecretHash));
        Assert.Equal(created.GetProperty("client_id_issued_at").GetInt64(), json.GetProperty("client_id_issued_at").GetInt64());
        var rotated = json.GetProperty("registration_access_token").GetString()!;
        Assert.NotEqual(token, rotated);
        Assert.False((await ManageAsync(server, "GET", id, token)).Result.Succeeded);
        Assert.True((await ManageAsync(server, "GET", id, rotated)).Result.Succeeded);
    }

    [Fact]
    public async Task Rfc7592_2_2_an_update_must_name_the_client_and_may_only_present_its_current_secret()
    {
        var server = Server();
        var (_, created) = await RegisterAsync(server, Web);
        var id = created.GetProperty("client_id").GetString()!;
        var token = created.GetProperty("registration_access_token").GetString()!;

        var (noId, _) = await ManageAsync(server, "PUT", id, token, Web);
        var (otherId, _) = await ManageAsync(server, "PUT", id, token, """{"client_id":"someone-else","redirect_uris":["https://app.example.com/cb"]}""");
        var (wrongSecret, _) = await ManageAsync(server, "PUT", id, token, $$"""{"client_id":"{{id}}","client_secret":"guess","redirect_uris":["https://app.example.com/cb"]}""");

        Refused<InvalidClientMetadataException>(noId, ErrorIds.ClientIdentityMismatch);
        Refused<InvalidClientMetadataException>(otherId, ErrorIds.ClientIdentityMismatch);
        Refused<InvalidClientMetadataException>(wrongSecret, ErrorIds.ClientIdentityMismatch);
        Assert.True((await ManageAsync(server, "GET", id, token)).Result.Succeeded); // a refused update rotates nothing
    }

    [Fact]
    public async Task Rfc7592_2_2_a_public_client_that_becomes_confidential_gets_a_new_secret_and_back_loses_it()
    {
        var server = Server();
        var (_, created) = await RegisterAsync(server, """{"redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"none"}""");
        var id = created.GetProperty("client_id").GetString()!;

        var (toConfidential, json) = await ManageAsync(server, "PUT", id, created.GetProperty("registration_access_token").GetString(), $$"""{"client_id":"{{id}}","redirect_uris":["https://app.example.com/cb"]}""");
        var secret = json.GetProperty("client_secret").GetString()!;
        Assert.True(ClientSecretHasher.Verify(secret, (await _store.FindClientAsync(id, Ct))!.SecretHash));

        var (toPublic, _) = await ManageAsync(server, "PUT", id, json.GetProperty("registration_access_token").GetString(), $$"""{"client_id":"{{id}}","redirect_uris":["https://app.example.com/cb"],"token_endpoint_auth_method":"none"}""");
        Assert.True(toConfidential.Succeeded && toPublic.Succeeded);
        var stored = (await _store.FindClientAsync(id, Ct))!;
        Assert.Equal(ClientType.Public, stored.Type);
        Assert.Null(stored.SecretHash);
    }

    [Fact]
    public async Task Rfc7592_2_3_delete_is_204_and_removes_the_client()
    {
        var server = Server();
        var (_, created) = await RegisterAsync(server, Web);
        var id = created.GetProperty("client_id").GetString()!;
        var token = created.GetProperty("registration_access_token").GetString();

        var (deleted, _) = await ManageAsync(server, "DELETE", id, token);

        Assert.Equal(204, deleted.Response.StatusCode);
        Assert.Null(deleted.Response.Body);
        Assert.Null(await _store.FindClientAsync(id, Ct));
        Assert.Equal(401, (await ManageAsync(server, "GET", id, token)).Result.Response.StatusCode);
    }

    [Fact]
    public async Task Rfc8414_metadata_names_the_registration_endpoint_only_when_registration_is_on()
    {
        var endpoints = new MetadataEndpoints { Issuer = new Uri("https://as.example.com"), Token = new Uri("https://as.example.com/token"), Registration = Endpoint };

        var on = Server().GetMetadata(endpoints);
        var off = new OAuth2Server(new StoreBackedModel(_store), Options(null)).GetMetadata(endpoints);

        Assert.Equal(Endpoint.AbsoluteUri, on["registration_endpoint"]);
        Assert.False(off.ContainsKey("registration_endpoint"));
        var disabled = await new OAuth2Server(new StoreBackedModel(_store), Options(null)).RegisterClientAsync(Json("POST", Web), Endpoint, Ct);
        Assert.False(disabled.Succeeded);
    }

    private sealed class CountingClients(IClientStore inner) : IClientStore
    {
        public int Saves { get; private set; }

        public ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken) => inner.FindClientAsync(clientId, cancellationToken);

        public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
        {
            Saves++;
            return inner.SaveClientAsync(client, cancellationToken);
        }

        public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken) => inner.RemoveClientAsync(clientId, cancellationToken);
    }
}
