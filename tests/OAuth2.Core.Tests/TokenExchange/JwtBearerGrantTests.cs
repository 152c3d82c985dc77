using OAuth2.Clients;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Jwt;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.TokenExchange;
using OAuth2.Tokens;

namespace OAuth2.Core.Tests.TokenExchange;

/// <summary>The JWT bearer grant (RFC 7523 sections 2.1 and 3) over a real store-backed model; a foreign issuer's key per test.</summary>
public sealed class JwtBearerGrantTests
{
    private const string Idp = "https://idp.example.com";
    private readonly JoseTestKit _idp = JoseTestKit.Es256("idp-1");
    private readonly ExchangeFixture _f = new();
    private readonly List<JwtBearerAssertion> _mapped = [];

    public JwtBearerGrantTests()
    {
        _f.Options.GrantTypes.Add(GrantTypes.JwtBearer);
        _f.Options.TrustedJwtIssuers.Add(new TrustedJwtIssuer { Issuer = Idp, Jwks = _idp.JwkSetJson(), Algorithms = ["ES256"] });
        _f.Options.JwtBearerAudiences.Add(Harness.Issuer + "/token");
        _f.Store.SaveClientAsync(Bearer, default).AsTask().GetAwaiter().GetResult();
        _f.PolicyOverride = policy => policy with
        {
            GetUserFromAssertion = (assertion, _, _) =>
            {
                _mapped.Add(assertion);
                return ValueTask.FromResult(assertion.Subject == "nobody" ? null : new OAuth2User("idp:" + assertion.Subject));
            },
        };
    }

    private static OAuth2Client Bearer { get; } = new()
    {
        Id = "bearer",
        SecretHash = ClientSecretHasher.HashGeneratedSecret(ExchangeFixture.Secret),
        Grants = [GrantTypes.JwtBearer],
        Scopes = ["read", "write"],
    };

    private long Now => _f.Time.GetUtcNow().ToUnixTimeSeconds();

    private string Assertion(string iss = Idp, string sub = "bob", object? aud = null, long? exp = null, string? jti = "j1", JoseTestKit? signer = null)
    {
        var claims = new Dictionary<string, object?> { ["iss"] = iss, ["sub"] = sub, ["aud"] = aud ?? Harness.Issuer, ["iat"] = Now };
        if (exp != -1)
        {
            claims["exp"] = exp ?? Now + 300;
        }

        if (jti is not null)
        {
            claims["jti"] = jti;
        }

        return (signer ?? _idp).Sign(claims);
    }

    private Task<OAuth2Result<Token>> Grant(string assertion, string extra = "")
        => _f.TokenAsync($"grant_type={Uri.EscapeDataString(GrantTypes.JwtBearer)}&assertion={assertion}{extra}", Bearer.Id);

    private static void Refused(OAuth2Result<Token> result, string errorId)
    {
        Expect.TokenError(result, "invalid_grant");
        Assert.Equal(errorId, result.Error!.ErrorId);
    }

    [Fact]
    public async Task Section2_1_a_valid_assertion_yields_an_access_token_for_the_mapped_user()
    {
        var result = await Grant(Assertion(), "&scope=read");
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal("idp:bob", result.Value.User.Id);
        Assert.Equal(["read"], result.Value.Scope);
        Assert.Null(result.Value.RefreshToken);
        var mapped = Assert.Single(_mapped);
        Assert.Equal(Idp, mapped.Issuer);
        Assert.Equal("j1", mapped.JwtId);
        Assert.Equal("idp:bob", (await _f.IntrospectAsync(result.Value.AccessToken)).Subject);
    }

    [Fact]
    public async Task Section3_the_token_endpoint_url_is_an_accepted_audience()
    {
        var result = await Grant(Assertion(aud: new[] { "https://other.example.com", Harness.Issuer + "/token" }));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Section3_a_bad_signature_is_invalid_grant()
    {
        var stranger = JoseTestKit.Es256("idp-1"); // same kid, another key
        Refused(await Grant(Assertion(signer: stranger)), ErrorIds.AssertionInvalid);
        Assert.Empty(_mapped);
    }

    [Fact]
    public async Task Section3_a_tampered_assertion_is_invalid_grant()
    {
        var parts = Assertion().Split('.');
        var forged = _idp.Sign(new Dictionary<string, object?> { ["iss"] = Idp, ["sub"] = "admin", ["aud"] = Harness.Issuer, ["exp"] = Now + 300, ["jti"] = "j9" }).Split('.')[1];
        Refused(await Grant($"{parts[0]}.{forged}.{parts[2]}"), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public async Task Section3_item3_a_wrong_audience_is_invalid_grant()
    {
        Refused(await Grant(Assertion(aud: "https://another-as.example.com")), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public async Task Section3_item4_an_expired_assertion_is_invalid_grant()
    {
        var assertion = Assertion(exp: Now + 60);
        _f.Time.Advance(TimeSpan.FromMinutes(2));
        Refused(await Grant(assertion), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public async Task Section3_item4_an_assertion_without_exp_is_invalid_grant()
    {
        Refused(await Grant(Assertion(exp: -1)), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public async Task Section3_an_assertion_living_longer_than_the_maximum_is_invalid_grant()
    {
        Refused(await Grant(Assertion(exp: Now + 3600)), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public async Task Section3_item7_a_replayed_jti_is_invalid_grant()
    {
        var assertion = Assertion(jti: "once");
        Assert.True((await Grant(assertion)).Succeeded);
        Refused(await Grant(assertion), ErrorIds.AssertionReplayed);
        Assert.Single(_mapped);
    }

    [Fact]
    public async Task Section3_item7_an_assertion_without_jti_is_invalid_grant()
    {
        Refused(await Grant(Assertion(jti: null)), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public async Task Section3_item1_an_untrusted_issuer_is_invalid_grant()
    {
        var other = JoseTestKit.Es256("x");
        Refused(await Grant(Assertion(iss: "https://evil.example.com", signer: other)), ErrorIds.AssertionIssuerUntrusted);
    }

    [Fact]
    public async Task Section3_a_subject_the_model_does_not_know_is_invalid_grant()
    {
        Refused(await Grant(Assertion(sub: "nobody")), ErrorIds.AssertionSubjectUnknown);
    }

    [Fact]
    public async Task Section3_1_a_missing_assertion_is_invalid_request()
    {
        Expect.TokenError(await _f.TokenAsync($"grant_type={Uri.EscapeDataString(GrantTypes.JwtBearer)}", Bearer.Id), "invalid_request");
    }

    [Fact]
    public async Task Section3_a_disallowed_algorithm_is_invalid_grant()
    {
        // The issuer's set holds an RS256 key too, but only ES256 is allowed from it.
        var rsa = JoseTestKit.Rs256("idp-rsa");
        _f.Options.TrustedJwtIssuers[0].Jwks = JoseTestKit.Set(_idp.PublicJwk(), rsa.PublicJwk());
        Refused(await Grant(Assertion(signer: rsa)), ErrorIds.AssertionInvalid);
    }

    [Fact]
    public void Start_up_refuses_the_grant_without_a_mapping_policy()
    {
        var options = new OAuth2ServerOptions { Issuer = Harness.Issuer, GrantTypes = new HashSet<string> { GrantTypes.JwtBearer } };
        options.TrustedJwtIssuers.Add(new TrustedJwtIssuer { Issuer = Idp, Jwks = _idp.JwkSetJson() });
        var error = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(new StoreBackedModel(_f.Store), options));
        Assert.Contains("GetUserFromAssertionAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_refuses_a_private_key_in_a_trusted_set()
    {
        _f.Options.TrustedJwtIssuers[0].Jwks = JoseTestKit.Set(_idp.PublicJwk(includePrivate: true));
        var error = Assert.Throws<InvalidArgumentException>(() => _f.Server);
        Assert.Contains(Idp, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc8414_metadata_lists_both_grants()
    {
        _f.Options.GrantTypes.Add(GrantTypes.TokenExchange);
        var metadata = _f.Server.GetMetadata(new OAuth2.Handlers.MetadataEndpoints { Issuer = new Uri(Harness.Issuer), Token = new Uri(Harness.Issuer + "/token") });
        var grants = (string[])metadata["grant_types_supported"]!;
        Assert.Contains(GrantTypes.JwtBearer, grants);
        Assert.Contains(GrantTypes.TokenExchange, grants);
    }

    [Fact]
    public async Task Rfc8693_a_jwt_subject_token_from_a_trusted_issuer_is_exchanged()
    {
        var subject = _idp.Sign(new Dictionary<string, object?>
        {
            ["iss"] = Idp,
            ["sub"] = "carol",
            ["aud"] = "svc",
            ["exp"] = Now + 600,
            ["scope"] = "read write",
            ["client_id"] = "spa",
        });
        var result = await _f.ExchangeAsync(subject, subjectType: TokenTypeIdentifiers.Jwt);
        Assert.True(result.Succeeded, result.Error?.Description);
        var seen = Assert.Single(_f.Requests);
        Assert.Equal(Idp, seen.Subject.Issuer);
        Assert.Equal(["svc"], seen.Subject.Audience);
        Assert.Equal("spa", seen.Subject.ClientId);
        Assert.Equal("carol", result.Value.User.Id);
        Assert.Equal(["read", "write"], result.Value.Scope);
        Assert.NotEqual(string.Empty, result.Value.GrantId);
    }

    [Fact]
    public async Task Rfc8693_a_jwt_subject_token_with_a_bad_signature_or_issuer_is_invalid_request()
    {
        var stranger = JoseTestKit.Es256("idp-1");
        var forged = stranger.Sign(new Dictionary<string, object?> { ["iss"] = Idp, ["sub"] = "carol", ["exp"] = Now + 600 });
        var refused = await _f.ExchangeAsync(forged, subjectType: TokenTypeIdentifiers.Jwt);
        Expect.TokenError(refused, "invalid_request");
        Assert.Equal(ErrorIds.SubjectTokenInvalid, refused.Error!.ErrorId);

        var expired = _idp.Sign(new Dictionary<string, object?> { ["iss"] = Idp, ["sub"] = "carol", ["exp"] = Now - 600 });
        Assert.Equal(ErrorIds.SubjectTokenInvalid, (await _f.ExchangeAsync(expired, subjectType: TokenTypeIdentifiers.Jwt)).Error!.ErrorId);
        Assert.Empty(_f.Requests);
    }
}
