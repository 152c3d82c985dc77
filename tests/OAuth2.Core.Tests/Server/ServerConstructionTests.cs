using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Errors;
using OAuth2.Model;

namespace OAuth2.Core.Tests.Server;

/// <summary>Construction checks the model against the enabled grants and the options, naming what is wrong.</summary>
public sealed class ServerConstructionTests
{
    private static readonly Type[] AllCapabilities =
    [
        typeof(IClientModel), typeof(ITokenModel), typeof(IAccessTokenModel), typeof(IAuthorizationCodeModel),
        typeof(IRefreshTokenModel), typeof(IPasswordModel), typeof(IClientCredentialsModel),
    ];

    private static IClientModel ModelWithout(params Type[] missing)
        => (IClientModel)Substitute.For([.. AllCapabilities.Except(missing)], []);

    private static OAuth2ServerOptions Only(params string[] grants) => new() { GrantTypes = new HashSet<string>(grants, StringComparer.Ordinal) };

    [Theory]
    [InlineData(GrantTypes.AuthorizationCode, typeof(IAuthorizationCodeModel), "GetAuthorizationCodeAsync")]
    [InlineData(GrantTypes.ClientCredentials, typeof(IClientCredentialsModel), "GetUserFromClientAsync")]
    [InlineData(GrantTypes.RefreshToken, typeof(IRefreshTokenModel), "GetRefreshTokenAsync")]
    [InlineData(GrantTypes.Password, typeof(IPasswordModel), "GetUserAsync")]
    public void Each_grant_names_the_model_function_it_lacks(string grant, Type capability, string function)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(ModelWithout(capability), Only(grant)));
        Assert.Contains($"`{function}()`", e.Message, StringComparison.Ordinal);
        Assert.Contains(grant, e.Message, StringComparison.Ordinal);
        Assert.Contains(capability.Name, e.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_argument", e.Error);
    }

    [Theory]
    [InlineData(GrantTypes.AuthorizationCode)]
    [InlineData(GrantTypes.ClientCredentials)]
    [InlineData(GrantTypes.RefreshToken)]
    [InlineData(GrantTypes.Password)]
    public void Every_grant_needs_save_token(string grant)
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(ModelWithout(typeof(ITokenModel)), Only(grant)));
        Assert.Contains("`SaveTokenAsync()`", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GrantTypes.AuthorizationCode, typeof(IPasswordModel))]
    [InlineData(GrantTypes.ClientCredentials, typeof(IAuthorizationCodeModel))]
    [InlineData(GrantTypes.Password, typeof(IRefreshTokenModel))]
    [InlineData(GrantTypes.RefreshToken, typeof(IClientCredentialsModel))]
    public void A_grant_that_is_not_enabled_needs_nothing(string grant, Type missing)
    {
        var server = new OAuth2Server(ModelWithout(missing), Only(grant));
        Assert.NotNull(server.Model);
    }

    [Fact]
    public void A_client_only_model_with_no_grants_builds()
    {
        var model = Substitute.For<IClientModel>();
        var server = new OAuth2Server(model, Only());
        Assert.Same(model, server.Model);
    }

    [Fact]
    public void Null_model_is_refused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(null!));
        Assert.Equal("Missing parameter: `model`", e.Message);
    }

    [Fact]
    public void Default_options_and_clock_build_with_a_full_model()
    {
        var server = new OAuth2Server(Substitute.For<IFullModel>());
        Assert.NotNull(server);
    }

    [Fact]
    public void Unknown_built_in_grant_name_is_refused()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<IFullModel>(), Only("implicit")));
        Assert.Contains("implicit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_disclaiming_a_capability_is_treated_as_lacking_it()
    {
        var model = Substitute.For<IDisclaimingModel>();
        model.Supports(Arg.Any<Type>()).Returns(ci => ci.ArgAt<Type>(0) != typeof(IPasswordModel));
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(model));
        Assert.Contains("`GetUserAsync()`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_disclaiming_an_unused_capability_builds()
    {
        var model = Substitute.For<IDisclaimingModel>();
        model.Supports(Arg.Any<Type>()).Returns(ci => ci.ArgAt<Type>(0) != typeof(IPasswordModel));
        var server = new OAuth2Server(model, Only(GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials));
        Assert.NotNull(server);
    }

    public static TheoryData<string, Action<OAuth2ServerOptions>, string> InvalidOptions => new()
    {
        { "zero access lifetime", o => o.AccessTokenLifetime = TimeSpan.Zero, "accessTokenLifetime" },
        { "negative access lifetime", o => o.AccessTokenLifetime = TimeSpan.FromSeconds(-1), "accessTokenLifetime" },
        { "zero refresh lifetime", o => o.RefreshTokenLifetime = TimeSpan.Zero, "refreshTokenLifetime" },
        { "zero code lifetime", o => o.AuthorizationCodeLifetime = TimeSpan.Zero, "authorizationCodeLifetime" },
        { "negative code lifetime", o => o.AuthorizationCodeLifetime = TimeSpan.FromMinutes(-5), "authorizationCodeLifetime" },
        { "negative leeway", o => o.RefreshTokenReuseLeeway = TimeSpan.FromTicks(-1), "refreshTokenReuseLeeway" },
        { "tiny parameter limit", o => o.MaxParameterLength = 63, "maxParameterLength" },
        { "zero parameter limit", o => o.MaxParameterLength = 0, "maxParameterLength" },
        { "empty realm", o => o.Realm = string.Empty, "realm" },
        { "null realm", o => o.Realm = null!, "realm" },
        { "quote in realm", o => o.Realm = "a\"b", "realm" },
        { "backslash in realm", o => o.Realm = "a\\b", "realm" },
        { "line break in realm", o => o.Realm = "a\r\nb", "realm" },
        { "non-ascii realm", o => o.Realm = "r\u00e9alm", "realm" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_and_named(string because, Action<OAuth2ServerOptions> configure, string option)
    {
        var options = new OAuth2ServerOptions();
        configure(options);
        var e = Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<IFullModel>(), options));
        Assert.True(e.Message.Contains(option, StringComparison.Ordinal), because + ": " + e.Message);
    }

    [Fact]
    public void Smallest_valid_values_are_accepted()
    {
        var options = new OAuth2ServerOptions
        {
            AccessTokenLifetime = TimeSpan.FromTicks(1),
            RefreshTokenLifetime = TimeSpan.FromTicks(1),
            AuthorizationCodeLifetime = TimeSpan.FromTicks(1),
            RefreshTokenReuseLeeway = TimeSpan.Zero,
            MaxParameterLength = 64,
            Realm = "a",
        };
        Assert.NotNull(new OAuth2Server(Substitute.For<IFullModel>(), options));
    }

    [Fact]
    public void Defaults_match_node_oauth2_server()
    {
        var o = new OAuth2ServerOptions();
        Assert.Equal(TimeSpan.FromSeconds(3600), o.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(1209600), o.RefreshTokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(300), o.AuthorizationCodeLifetime);
        Assert.False(o.AllowEmptyState);
        Assert.False(o.AllowExtendedTokenAttributes);
        Assert.True(o.AlwaysIssueNewRefreshToken);
        Assert.True(o.AddAcceptedScopesHeader);
        Assert.True(o.AddAuthorizedScopesHeader);
        Assert.False(o.AllowBearerTokensInQueryString);
        Assert.False(o.EnablePlainPkce);
        Assert.False(o.RequirePkce);
        Assert.Equal("Service", o.Realm);
        Assert.Null(o.Issuer);
        Assert.Equal(TimeSpan.Zero, o.RefreshTokenReuseLeeway);
    }

    [Fact]
    public void Null_requests_are_argument_errors()
    {
        var server = new OAuth2Server(Substitute.For<IFullModel>());
        Assert.Throws<ArgumentNullException>(() => server.TokenAsync(null!, Harness.Ct));
        Assert.Throws<ArgumentNullException>(() => server.AuthenticateAsync(null!, null, Harness.Ct));
        Assert.Throws<ArgumentNullException>(() => server.ValidateAuthorizeRequestAsync(null!, Harness.Ct));
        Assert.Throws<ArgumentNullException>(() => server.AuthorizeAsync(null!, Harness.Alice, Harness.Ct));
    }
    [Fact]
    public async Task Options_edited_after_construction_do_not_change_the_server()
    {
        var h = new Harness();
        _ = h.Server;
        h.Options.AccessTokenLifetime = TimeSpan.Zero;
        h.Options.GrantTypes.Remove(GrantTypes.ClientCredentials);
        h.Options.AllowEmptyState = true;
        h.Options.Realm = "changed";
        var token = await h.TokenAsync("grant_type=client_credentials");
        Assert.True(token.Succeeded, token.Error?.Description);
        Assert.Equal(3600L, token.Response.Body!["expires_in"]);
        var authorize = await h.AuthorizeAsync("response_type=code&client_id=c1");
        Expect.RedirectedError(authorize, "invalid_request");
        var denied = await h.TokenAsync("grant_type=client_credentials", "c1", "wrong");
        Assert.Equal("Basic realm=\"Service\"", denied.Response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Requirement_maps_edited_after_construction_do_not_change_the_server()
    {
        var h = new Harness();
        _ = h.Server;
        h.Options.RequireClientAuthentication[GrantTypes.ClientCredentials] = false;
        var result = await h.TokenAsync("grant_type=client_credentials&client_id=c1", clientId: null);
        Expect.TokenError(result, "invalid_client", 401);
    }

    [Fact]
    public void Null_collections_in_options_are_refused()
    {
        Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<IFullModel>(), new OAuth2ServerOptions { GrantTypes = null! }));
        Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<IFullModel>(), new OAuth2ServerOptions { ExtendedGrantTypes = null! }));
        Assert.Throws<InvalidArgumentException>(() => new OAuth2Server(Substitute.For<IFullModel>(), new OAuth2ServerOptions { RequireClientAuthentication = null! }));
    }

    [Theory]
    [InlineData("https://a.example/cb", "https://a.example/cb?code=x&state=s%20t")]
    [InlineData("https://a.example/cb?t=1", "https://a.example/cb?t=1&code=x&state=s%20t")]
    [InlineData("https://a.example/cb?", "https://a.example/cb?code=x&state=s%20t")]
    [InlineData("https://a.example/cb?t=1&", "https://a.example/cb?t=1&code=x&state=s%20t")]
    public void Append_query_keeps_the_uris_own_query(string uri, string expected)
        => Assert.Equal(expected, OAuth2.Handlers.ResponseWriter.AppendQuery(uri, [new("code", "x"), new("state", "s t"), new("iss", null)]));
}
