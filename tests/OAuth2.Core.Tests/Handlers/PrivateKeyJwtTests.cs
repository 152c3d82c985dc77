using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Storage.InMemory;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>private_key_jwt client authentication: RFC 7523 sections 2.2 and 3, RFC 7521 section 4.2, OpenID Connect Core section 9.</summary>
public sealed class PrivateKeyJwtTests
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private const string ClientId = "kc";

    private readonly Harness _h = Harness.For<IRevocableFullModel>();
    private readonly JoseTestKit _key = JoseTestKit.Es256("k1");

    public PrivateKeyJwtTests()
    {
        _h.Options.ClientAssertions.ReplayCache = new InMemoryReplayCache();
        _h.AddClient(KeyClient(_key.JwkSetJson()));
    }

    private static OAuth2Client KeyClient(string jwks, string id = ClientId) => new()
    {
        Id = id,
        TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
        Jwks = jwks,
        Grants = [GrantTypes.ClientCredentials],
    };

    private long In(int seconds) => _h.Time.GetUtcNow().AddSeconds(seconds).ToUnixTimeSeconds();

    private Dictionary<string, object?> Claims(string? jti = null) => new()
    {
        ["iss"] = ClientId,
        ["sub"] = ClientId,
        ["aud"] = Harness.Issuer,
        ["exp"] = In(60),
        ["iat"] = In(0),
        ["jti"] = jti ?? Guid.NewGuid().ToString(),
    };

    private static string Body(string assertion, string extra = "")
        => "grant_type=client_credentials&client_assertion_type=" + Uri.EscapeDataString(AssertionType) + "&client_assertion=" + assertion + extra;

    private Task<OAuth2Result<Tokens.Token>> TokenAsync(string assertion, string extra = "", string? authorization = null)
        => _h.TokenAsync(Requests.Token(Body(assertion, extra), authorization) with { Path = "/token" });

    private static void AssertRefused(OAuth2Result<Tokens.Token> result, string errorId, string error = InvalidClientException.Code)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error.Error);
        Assert.Equal(errorId, result.Error.ErrorId);
    }

    [Fact]
    public async Task Rfc7523_2_2_an_es256_assertion_signed_with_a_registered_key_authenticates()
    {
        var result = await TokenAsync(_key.Sign(Claims()));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(ClientId, result.Value.Client.Id);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES384")]
    public async Task Rfc7518_each_allowed_algorithm_authenticates(string alg)
    {
        var key = alg switch { "RS256" => JoseTestKit.Rs256(), "PS256" => JoseTestKit.Ps256(), _ => JoseTestKit.Es384() };
        _h.AddClient(KeyClient(key.JwkSetJson()));
        var result = await TokenAsync(key.Sign(Claims()));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Rfc7523_3_item7_a_replayed_jti_is_refused()
    {
        var assertion = _key.Sign(Claims("once"));
        Assert.True((await TokenAsync(assertion)).Succeeded);
        AssertRefused(await TokenAsync(assertion), ErrorIds.ClientAssertionReplayed);

        // A new assertion reusing the jti is a replay too, whatever else differs.
        var again = Claims("once");
        again["exp"] = In(120);
        AssertRefused(await TokenAsync(_key.Sign(again)), ErrorIds.ClientAssertionReplayed);
    }

    [Fact]
    public async Task Rfc7523_3_item7_concurrent_uses_of_one_assertion_give_exactly_one_success()
    {
        var assertion = _key.Sign(Claims());
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => TokenAsync(assertion))));
        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorIds.ClientAssertionReplayed, r.Error!.ErrorId));
    }

    [Fact]
    public async Task Rfc7523_3_the_same_jti_from_another_client_is_not_a_replay()
    {
        var other = JoseTestKit.Es256();
        _h.AddClient(KeyClient(other.JwkSetJson(), "kc2"));
        Assert.True((await TokenAsync(_key.Sign(Claims("shared")))).Succeeded);
        var claims = Claims("shared");
        claims["iss"] = claims["sub"] = "kc2";
        Assert.True((await TokenAsync(other.Sign(claims))).Succeeded);
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("sub")]
    [InlineData("aud")]
    [InlineData("jti")]
    public async Task Rfc7523_3_missing_iss_sub_aud_or_jti_is_refused(string claim)
    {
        var claims = Claims();
        claims.Remove(claim);
        var result = await TokenAsync(_key.Sign(claims));
        Assert.False(result.Succeeded);
        Assert.Equal(InvalidClientException.Code, result.Error.Error);

        // Without sub the assertion names no client at all.
        Assert.Equal(claim == "sub" ? ErrorIds.ClientAssertionMalformed : ErrorIds.ClientAssertionClaimsInvalid, result.Error.ErrorId);
    }

    [Fact]
    public async Task Rfc7523_3_item1_iss_must_be_the_client()
    {
        var claims = Claims();
        claims["iss"] = "someone-else";
        AssertRefused(await TokenAsync(_key.Sign(claims)), ErrorIds.ClientAssertionClaimsInvalid);
    }

    [Theory]
    [InlineData(Harness.Issuer, true)]
    [InlineData(Harness.Issuer + "/", false)]
    [InlineData(Harness.Issuer + "/token", true)]
    [InlineData(Harness.Issuer + "/revoke", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("https://as.example.com.evil", false)]
    public async Task Rfc7523_3_item3_aud_is_the_issuer_or_the_called_endpoint(string aud, bool accepted)
    {
        var claims = Claims();
        claims["aud"] = new[] { "https://other.example", aud };
        var result = await TokenAsync(_key.Sign(claims));
        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            AssertRefused(result, ErrorIds.ClientAssertionClaimsInvalid);
        }
    }

    [Fact]
    public async Task Configured_audiences_are_accepted()
    {
        _h.Options.ClientAssertions.Audiences.Add("https://as.example.com/oauth/token");
        var claims = Claims();
        claims["aud"] = "https://as.example.com/oauth/token";
        Assert.True((await TokenAsync(_key.Sign(claims))).Succeeded);
    }

    [Fact]
    public async Task Rfc7523_3_item4_exp_is_required_and_must_not_be_past()
    {
        var claims = Claims();
        claims.Remove("exp");
        AssertRefused(await TokenAsync(_key.Sign(claims)), ErrorIds.ClientAssertionExpired);
        claims["exp"] = In(-31);
        AssertRefused(await TokenAsync(_key.Sign(claims)), ErrorIds.ClientAssertionExpired);
    }

    [Fact]
    public async Task An_assertion_living_longer_than_the_maximum_lifetime_is_refused()
    {
        var claims = Claims();
        claims["exp"] = In(3600);
        AssertRefused(await TokenAsync(_key.Sign(claims)), ErrorIds.ClientAssertionExpired);
    }

    [Fact]
    public async Task Rfc7523_3_item5_nbf_in_the_future_is_refused()
    {
        var claims = Claims();
        claims["nbf"] = In(120);
        AssertRefused(await TokenAsync(_key.Sign(claims)), ErrorIds.ClientAssertionExpired);
    }

    [Fact]
    public async Task Rfc7523_3_item9_a_signature_by_an_unregistered_key_is_refused()
    {
        var stranger = JoseTestKit.Es256("k1");
        AssertRefused(await TokenAsync(stranger.Sign(Claims())), ErrorIds.ClientAssertionSignatureInvalid);
    }

    [Fact]
    public async Task An_unknown_kid_is_refused()
    {
        var wrongKid = JoseTestKit.Es256("k2");
        AssertRefused(await TokenAsync(wrongKid.Sign(Claims())), ErrorIds.ClientAssertionSignatureInvalid);
    }

    [Fact]
    public async Task An_algorithm_outside_the_configured_list_is_refused()
    {
        var rsa = JoseTestKit.Rs256();
        _h.Options.ClientAssertions.SigningAlgorithms = new HashSet<string> { "ES256" };
        _h.AddClient(KeyClient(rsa.JwkSetJson()));
        AssertRefused(await TokenAsync(rsa.Sign(Claims())), ErrorIds.ClientAssertionSignatureInvalid);
    }

    [Fact]
    public async Task Rfc7521_4_2_an_unsupported_assertion_type_is_refused()
    {
        var body = "grant_type=client_credentials&client_assertion_type=urn%3Aexample%3Asaml&client_assertion=" + _key.Sign(Claims());
        var result = await _h.TokenAsync(Requests.Token(body));
        AssertRefused(result, ErrorIds.ClientAssertionMalformed);
        Assert.Equal(401, result.Error!.StatusCode);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public async Task A_malformed_assertion_is_invalid_client(string assertion)
        => AssertRefused(await TokenAsync(assertion), ErrorIds.ClientAssertionMalformed);

    [Fact]
    public async Task An_assertion_over_the_length_cap_is_refused()
    {
        var claims = Claims();
        claims["pad"] = new string('x', 7000);
        var assertion = _key.Sign(claims);
        Assert.True(assertion.Length > OAuth2.ClientAssertions.ClientAssertionOptions.MaxAssertionLength);

        // Refused by the request guard's cap for this parameter, before any decoding.
        var result = await TokenAsync(assertion);
        Assert.False(result.Succeeded);
        Assert.Equal(InvalidRequestException.Code, result.Error.Error);
    }

    [Fact]
    public async Task Rfc6749_2_3_a_secret_beside_an_assertion_is_invalid_request()
    {
        AssertRefused(await TokenAsync(_key.Sign(Claims()), "&client_secret=x"), ErrorIds.MultipleAuthenticationMethods, InvalidRequestException.Code);
        AssertRefused(await TokenAsync(_key.Sign(Claims()), authorization: Requests.Basic(ClientId, "x")), ErrorIds.MultipleAuthenticationMethods, InvalidRequestException.Code);
    }

    [Fact]
    public async Task Rfc7521_4_2_a_client_id_naming_another_client_is_refused()
        => AssertRefused(await TokenAsync(_key.Sign(Claims()), "&client_id=c1"), ErrorIds.ClientAssertionClaimsInvalid);

    [Fact]
    public async Task A_client_registered_for_private_key_jwt_cannot_use_a_secret()
    {
        _h.AddClient(KeyClient(_key.JwkSetJson()) with { SecretHash = OAuth2.Security.ClientSecretHasher.HashGeneratedSecret(TestClients.Secret) });
        AssertRefused(await _h.TokenAsync("grant_type=client_credentials", ClientId, TestClients.Secret), ErrorIds.ClientAuthenticationMethodNotAllowed);
        AssertRefused(await _h.TokenAsync(Requests.Token("grant_type=client_credentials&client_id=" + ClientId)), ErrorIds.ClientAuthenticationMethodNotAllowed);
    }

    [Fact]
    public async Task A_secret_client_cannot_authenticate_by_assertion()
    {
        var claims = Claims();
        claims["iss"] = claims["sub"] = "c1";
        _h.AddClient(TestClients.Confidential with { Jwks = _key.JwkSetJson() });
        AssertRefused(await TokenAsync(_key.Sign(claims)), ErrorIds.ClientAuthenticationMethodNotAllowed);
    }

    [Fact]
    public async Task A_registered_key_set_that_cannot_be_used_refuses_the_client()
    {
        _h.AddClient(KeyClient(JoseTestKit.Set(_key.PublicJwk(includePrivate: true))));
        AssertRefused(await TokenAsync(_key.Sign(Claims())), ErrorIds.ClientKeysInvalid);
    }

    [Fact]
    public async Task Without_a_replay_cache_every_assertion_is_refused()
    {
        _h.Options.ClientAssertions.ReplayCache = null;
        AssertRefused(await TokenAsync(_key.Sign(Claims())), ErrorIds.ClientAssertionReplayed);
    }

    [Fact]
    public async Task Revocation_accepts_an_assertion_for_its_own_endpoint_url()
    {
        // OpenID Connect Core section 9 and RFC 7523 section 3: the aud may be the URL of the endpoint called.
        var claims = Claims();
        claims["aud"] = Harness.Issuer + "/revoke";
        var body = "token=unknown&client_assertion_type=" + Uri.EscapeDataString(AssertionType) + "&client_assertion=" + _key.Sign(claims);
        var result = await _h.Server.RevokeAsync(Requests.Token(body) with { Path = "/revoke" }, Harness.Ct);
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public void Metadata_lists_private_key_jwt_and_its_algorithms()
    {
        var metadata = _h.Server.GetMetadata(new MetadataEndpoints
        {
            Issuer = new Uri(Harness.Issuer),
            Token = new Uri(Harness.Issuer + "/token"),
            Revocation = new Uri(Harness.Issuer + "/revoke"),
            Introspection = new Uri(Harness.Issuer + "/introspect"),
        });
        Assert.Contains("private_key_jwt", (string[])metadata["token_endpoint_auth_methods_supported"]!);
        Assert.Contains("private_key_jwt", (string[])metadata["revocation_endpoint_auth_methods_supported"]!);
        Assert.Contains("private_key_jwt", (string[])metadata["introspection_endpoint_auth_methods_supported"]!);
        Assert.Equal(["ES256", "ES384", "PS256", "RS256"], (string[])metadata["token_endpoint_auth_signing_alg_values_supported"]!);
        Assert.Equal(["ES256", "ES384", "PS256", "RS256"], (string[])metadata["introspection_endpoint_auth_signing_alg_values_supported"]!);
    }

    [Fact]
    public void Replay_keys_are_short_printable_and_scoped_by_client()
    {
        var key = OAuth2.ClientAssertions.ClientAssertionValidator.ReplayKey("kc", new string('j', 512));
        Assert.InRange(key.Length, 1, OAuth2.Storage.IReplayCache.MaxKeyLength);
        Assert.NotEqual(OAuth2.ClientAssertions.ClientAssertionValidator.ReplayKey("kc", "a"), OAuth2.ClientAssertions.ClientAssertionValidator.ReplayKey("kc2", "a"));
    }
}
