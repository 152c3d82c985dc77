using OAuth2.Errors;
using OAuth2.Grants;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2;

/// <summary>
/// The authorization server: three framework-neutral entry points (token, authorize, authenticate) over a model.
/// Built once and shared; it holds no per-request state.
/// </summary>
/// <remarks>
/// Construction checks the model against the configured grants and names any function it lacks, so a
/// misconfiguration fails at start-up rather than on a user's first request.
/// </remarks>
public sealed partial class OAuth2Server
{
    private readonly TokenHandler? _tokenHandler;
    private readonly AuthorizeHandler? _authorizeHandler;
    private readonly AuthenticateHandler _authenticateHandler;
    private readonly IntrospectionHandler _introspectionHandler;
    private readonly RevocationHandler? _revocationHandler;
    private readonly ClientAuthenticator _clientAuthenticator;
    private readonly TokenLookup _tokenLookup;
    private readonly OAuth2ServerOptions _options;
    private readonly Devices.DeviceAuthorizationHandler? _deviceAuthorizationHandler;
    private readonly Devices.DeviceVerifier? _deviceVerifier;
    private readonly Diagnostics.OAuth2Telemetry _telemetry;
    private readonly ClientAssertions.ClientAssertionValidator _clientAssertionValidator;
    private readonly Dpop.DpopProofValidator? _dpop;
    private readonly PushedAuthorizationHandler? _pushedAuthorizationHandler;
    private readonly Registration.ClientRegistrationHandler? _registrationHandler;

    public OAuth2Server(IClientModel model, OAuth2ServerOptions? options = null, TimeProvider? timeProvider = null)
        : this(model, options, timeProvider, telemetry: null)
    {
    }

    /// <summary>A server that reports through <paramref name="telemetry"/> (logs, metrics, audit sinks); <c>null</c> reports to no one until a listener attaches.</summary>
    public OAuth2Server(IClientModel model, OAuth2ServerOptions? options, TimeProvider? timeProvider, Diagnostics.OAuth2Telemetry? telemetry)
    {
        if (model is null)
        {
            throw new InvalidArgumentException("Missing parameter: `model`");
        }

        options ??= new OAuth2ServerOptions();
        timeProvider ??= TimeProvider.System;
        _telemetry = telemetry ?? new Diagnostics.OAuth2Telemetry(timeProvider: timeProvider);
        ValidateOptions(options);
        _options = options.Snapshot();
        Profiles.SecurityProfiles.Apply(_options);

        var dpop = _options.Dpop.Enabled ? new Dpop.DpopProofValidator(_options.Dpop, new Dpop.DpopReplayGuard(_options.Dpop.ReplayCache, timeProvider), timeProvider) : null;
        _dpop = dpop;
        var issuer = new TokenIssuer(ModelCapabilities.As<IScopeValidator>(model), ModelCapabilities.As<ITokenValueGenerator>(model), _options, timeProvider);
        _clientAssertionValidator = new ClientAssertions.ClientAssertionValidator(_options.ClientAssertions, _options.Issuer, timeProvider, issuerAudienceOnly: _options.Profile == SecurityProfile.Fapi2);
        _clientAuthenticator = new ClientAuthenticator(model, _options, assertions: _clientAssertionValidator, timeProvider: timeProvider);
        _tokenLookup = new TokenLookup(ModelCapabilities.As<IAccessTokenModel>(model), ModelCapabilities.As<IRefreshTokenModel>(model));
        _introspectionHandler = new IntrospectionHandler(_tokenLookup, _clientAuthenticator, _options, timeProvider);
        if (ModelCapabilities.As<ITokenModel>(model) is { } tokens && ModelCapabilities.As<ITokenRevocationModel>(model) is { } revocation)
        {
            _revocationHandler = new RevocationHandler(tokens, revocation, _tokenLookup, _clientAuthenticator, _options);
        }

        if (_options.GrantTypes.Count > 0 || _options.ExtendedGrantTypes.Count > 0)
        {
            var tokenModel = Require<ITokenModel>(model, "SaveTokenAsync", "the token endpoint");
            _tokenHandler = new TokenHandler(_options, BuildGrants(model, tokenModel, _options, _telemetry, timeProvider), issuer, _clientAuthenticator, dpop);
        }

        if (_options.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            _authorizeHandler = new AuthorizeHandler(model, Require<IAuthorizationCodeModel>(model, "SaveAuthorizationCodeAsync", "the authorize endpoint"), _options, issuer);
            if (ModelCapabilities.As<IPushedAuthorizationModel>(model) is { } pushed)
            {
                _pushedAuthorizationHandler = new PushedAuthorizationHandler(pushed, _authorizeHandler, _clientAuthenticator, _options, timeProvider, dpop);
            }
        }

        if (_options.RequirePushedAuthorizationRequests && _pushedAuthorizationHandler is null)
        {
            // Required pushed requests without a place to push them would refuse every authorization.
            Require<IPushedAuthorizationModel>(model, "SavePushedAuthorizationAsync", "required pushed authorization requests");
            throw new InvalidArgumentException("Invalid argument: pushed authorization requests are required but the `authorization_code` grant is not enabled");
        }

        if (_options.GrantTypes.Contains(GrantTypes.DeviceCode))
        {
            var devices = Require<IDeviceAuthorizationModel>(model, "SaveDeviceAuthorizationAsync", "the device authorization endpoint");
            _deviceAuthorizationHandler = new Devices.DeviceAuthorizationHandler(devices, _clientAuthenticator, _options, timeProvider);
            _deviceVerifier = new Devices.DeviceVerifier(devices, model, issuer);
        }

        _authenticateHandler = new AuthenticateHandler(ModelCapabilities.As<IAccessTokenModel>(model), _options, timeProvider, dpop);
        if (_options.ClientRegistration is not null)
        {
            _registrationHandler = new Registration.ClientRegistrationHandler(
                model,
                Require<IClientRegistrationModel>(model, "SaveClientAsync", "dynamic client registration"),
                ModelCapabilities.As<IClientRegistrationPolicy>(model),
                _options,
                timeProvider,
                _telemetry.Logger);
        }

        Model = model;
    }

    /// <summary>The model the server was built with.</summary>
    public IClientModel Model { get; }

    /// <summary>
    /// The token endpoint (node's <c>token()</c>): authenticates the client, runs the grant and saves the token.
    /// The result's response is ready to send, success or error.
    /// </summary>
    public ValueTask<OAuth2Result<Token>> TokenAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_tokenHandler is null)
        {
            var error = new UnsupportedGrantTypeException("Unsupported grant type: the token endpoint has no grant types enabled");
            return ValueTask.FromResult(OAuth2Result<Token>.Failure(ResponseWriter.Error(error, _options.Realm), error));
        }

        return ObservedTokenAsync(_tokenHandler, request, cancellationToken);
    }

    /// <summary>
    /// Validates an authorization request without issuing anything: what a host calls before showing a sign-in or
    /// consent page. Errors about the client or redirect URI are plain 400 responses; the rest are redirects.
    /// </summary>
    public ValueTask<OAuth2Result<AuthorizationRequest>> ValidateAuthorizeRequestAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObservedAuthorizeAsync(RequireAuthorize().ValidateAsync(request, cancellationToken), request, cancellationToken);
    }

    /// <summary>
    /// The authorize endpoint (node's <c>authorize()</c>) for a resource owner the host has authenticated: issues a
    /// code and redirects to the client, or redirects with the error (<c>allowed=false</c> gives <c>access_denied</c>).
    /// </summary>
    public ValueTask<OAuth2Result<IssuedAuthorizationCode>> AuthorizeAsync(OAuth2Request request, OAuth2User? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObservedAuthorizeAsync(RequireAuthorize().AuthorizeAsync(request, user, cancellationToken), request, cancellationToken);
    }

    /// <summary>
    /// The authorize endpoint with node's default authenticate handler: the resource owner is the user of the bearer
    /// token the request carries.
    /// </summary>
    public async ValueTask<OAuth2Result<IssuedAuthorizationCode>> AuthorizeAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authenticated = await _authenticateHandler.HandleAsync(request, null, null, cancellationToken).ConfigureAwait(false);
        if (!authenticated.Succeeded)
        {
            return OAuth2Result<IssuedAuthorizationCode>.Failure(authenticated.Response, authenticated.Error);
        }

        return await RequireAuthorize().AuthorizeAsync(request, authenticated.Value.User, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Authenticates a bearer token for a protected resource (node's <c>authenticate()</c>), optionally requiring
    /// scopes. On failure the response carries the RFC 6750 <c>WWW-Authenticate</c> challenge.
    /// </summary>
    public ValueTask<OAuth2Result<AccessToken>> AuthenticateAsync(OAuth2Request request, IReadOnlyList<string>? requiredScope = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObservedAuthenticateAsync(request, requiredScope, null, cancellationToken);
    }

    /// <summary>
    /// <see cref="AuthenticateAsync(OAuth2Request, IReadOnlyList{string}?, CancellationToken)"/> with the JWT revocation
    /// check decided by the caller (a bearer scheme's own option): <c>true</c> looks a JWT up in the store so a
    /// revoked one is refused, <c>false</c> trusts its signature until it expires, <c>null</c> keeps
    /// <see cref="Jwt.JwtAccessTokenOptions.CheckRevocation"/>. Opaque tokens are always looked up.
    /// </summary>
    public ValueTask<OAuth2Result<AccessToken>> AuthenticateAsync(OAuth2Request request, IReadOnlyList<string>? requiredScope, bool? checkJwtRevocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObservedAuthenticateAsync(request, requiredScope, checkJwtRevocation, cancellationToken);
    }

    private AuthorizeHandler RequireAuthorize()
        => _authorizeHandler ?? throw new InvalidArgumentException("Invalid argument: the `authorization_code` grant is not enabled");

    /// <summary>
    /// Builds each enabled grant with exactly the model capabilities it needs, checked here once: a model that lacks
    /// one fails construction with the missing function's name, and no grant ever casts its model.
    /// </summary>
    private static Dictionary<string, ITokenGrant> BuildGrants(IClientModel model, ITokenModel tokens, OAuth2ServerOptions options, Diagnostics.OAuth2Telemetry telemetry, TimeProvider timeProvider)
    {
        var grants = new Dictionary<string, ITokenGrant>(StringComparer.Ordinal);
        var trustedIssuers = Jwt.TrustedIssuers.Create(options.TrustedJwtIssuers);
        foreach (var name in options.GrantTypes)
        {
            grants[name] = name switch
            {
                GrantTypes.AuthorizationCode => new AuthorizationCodeGrant(Require<IAuthorizationCodeModel>(model, "GetAuthorizationCodeAsync", name), tokens, telemetry),
                GrantTypes.ClientCredentials => new ClientCredentialsGrant(Require<IClientCredentialsModel>(model, "GetUserFromClientAsync", name), tokens),
                GrantTypes.RefreshToken => new RefreshTokenGrant(Require<IRefreshTokenModel>(model, "GetRefreshTokenAsync", name), tokens, telemetry),
                GrantTypes.Password => new PasswordGrant(Require<IPasswordModel>(model, "GetUserAsync", name), tokens),
                GrantTypes.DeviceCode => new DeviceCodeGrant(Require<IDeviceAuthorizationModel>(model, "SaveDeviceAuthorizationAsync", name), tokens),
                GrantTypes.TokenExchange => new TokenExchangeGrant(
                    Require<ITokenExchangeModel>(model, "AuthorizeExchangeAsync", name),
                    new TokenExchange.ExchangeTokenReader(
                        Require<IAccessTokenModel>(model, "GetAccessTokenAsync", name),
                        ModelCapabilities.As<IRefreshTokenModel>(model),
                        trustedIssuers.Count > 0 ? new TokenExchange.TrustedJwtSubjectReader(trustedIssuers, timeProvider) : null,
                        timeProvider),
                    tokens),
                GrantTypes.JwtBearer => new JwtBearerGrant(
                    Require<IJwtBearerModel>(model, "GetUserFromAssertionAsync", name),
                    options.ClientAssertions.ReplayCache is { } replayCache
                        ? new SharedAssertionReplay(replayCache, timeProvider)
                        : Require<IAssertionReplayModel>(model, "TryUseJwtIdAsync", name),
                    trustedIssuers.Count > 0 ? trustedIssuers : throw new InvalidArgumentException("Missing parameter: `trustedJwtIssuers` (the JWT bearer grant needs at least one trusted issuer)"),
                    tokens),
                _ => throw new InvalidArgumentException($"Invalid argument: unknown grant type `{name}` in GrantTypes; register extension grants in ExtendedGrantTypes"),
            };
        }

        foreach (var (name, grant) in options.ExtendedGrantTypes)
        {
            if (!ParameterRules.IsAbsoluteUri(name))
            {
                throw new InvalidArgumentException($"Invalid argument: extension grant `{name}` must be named by an absolute URI");
            }

            if (grants.ContainsKey(name))
            {
                throw new InvalidArgumentException($"Invalid argument: extension grant `{name}` would replace a built-in grant");
            }

            grants[name] = new ExtensionGrant(grant ?? throw new InvalidArgumentException($"Missing parameter: grant `{name}`"), tokens);
        }

        return grants;
    }

    private static T Require<T>(IClientModel model, string function, string usedBy)
        where T : class
        => ModelCapabilities.As<T>(model) ?? throw new InvalidArgumentException($"Invalid argument: model does not implement `{function}()` (required by {usedBy}; implement {typeof(T).Name})");

    private static void ValidateOptions(OAuth2ServerOptions options)
    {
        if (options.GrantTypes is null || options.ExtendedGrantTypes is null || options.RequireClientAuthentication is null)
        {
            throw new InvalidArgumentException("Missing parameter: `grantTypes`, `extendedGrantTypes` and `requireClientAuthentication` must not be null");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidArgumentException("Missing parameter: `accessTokenLifetime`");
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidArgumentException("Missing parameter: `refreshTokenLifetime`");
        }

        if (options.AuthorizationCodeLifetime <= TimeSpan.Zero)
        {
            throw new InvalidArgumentException("Missing parameter: `authorizationCodeLifetime`");
        }

        ValidateDpopOptions(options.Dpop);

        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero)
        {
            throw new InvalidArgumentException("Invalid argument: `refreshTokenReuseLeeway` must not be negative");
        }

        ValidateJwtKeys(options);

        if (options.GrantTypes.Contains(GrantTypes.DeviceCode))
        {
            if (options.DeviceVerificationUri is not { } verification
                || !Uri.TryCreate(verification, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new InvalidArgumentException("Missing parameter: `deviceVerificationUri` (an absolute http(s) URI without a fragment) is required by the device grant");
            }

            if (options.DeviceCodeLifetime < TimeSpan.FromSeconds(1))
            {
                throw new InvalidArgumentException("Invalid argument: `deviceCodeLifetime` must be at least one second");
            }

            if (options.DevicePollingInterval < TimeSpan.FromSeconds(1) || options.DevicePollingInterval > TimeSpan.FromHours(1))
            {
                throw new InvalidArgumentException("Invalid argument: `devicePollingInterval` must be between one second and one hour");
            }
        }

        if (options.MaxResources is < 1 or > 100)
        {
            throw new InvalidArgumentException("Invalid argument: `maxResources` must be between 1 and 100");
        }

        if (options.ResourceServerAudience is { Length: 0 } || options.ScopesSupported is null)
        {
            throw new InvalidArgumentException("Invalid argument: `resourceServerAudience` must not be empty and `scopesSupported` must not be null");
        }

        if (options.PushedAuthorizationRequestLifetime < TimeSpan.FromSeconds(1) || options.PushedAuthorizationRequestLifetime > TimeSpan.FromHours(1))
        {
            throw new InvalidArgumentException("Invalid argument: `pushedAuthorizationRequestLifetime` must be between one second and one hour");
        }

        Profiles.SecurityProfiles.Validate(options);

        if (options.MaxParameterLength < 64)
        {
            throw new InvalidArgumentException("Invalid argument: `maxParameterLength` must be at least 64");
        }

        if (string.IsNullOrEmpty(options.Realm) || !ParameterRules.IsVsChar(options.Realm) || options.Realm.Contains('"', StringComparison.Ordinal) || options.Realm.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidArgumentException("Invalid argument: `realm` must be printable ASCII without quotes");
        }

        ClientAssertions.ClientAssertionValidator.ValidateOptions(options.ClientAssertions);
    }

    private static void ValidateDpopOptions(Dpop.DpopOptions? dpop)
    {
        if (dpop is null || !dpop.Enabled)
        {
            return;
        }

        if (dpop.ProofLifetime <= TimeSpan.Zero || dpop.ProofLifetime > TimeSpan.FromHours(1))
        {
            throw new InvalidArgumentException("Invalid argument: `Dpop.ProofLifetime` must be positive and at most an hour");
        }

        if (dpop.MaxProofLength < 256)
        {
            throw new InvalidArgumentException("Invalid argument: `Dpop.MaxProofLength` must be at least 256");
        }

        if (dpop.NonceLifetime < TimeSpan.FromSeconds(1))
        {
            throw new InvalidArgumentException("Invalid argument: `Dpop.NonceLifetime` must be at least one second");
        }

        if (dpop.NonceKey is { } key)
        {
            var bytes = new byte[(key.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(key, bytes, out var length) || length < 32)
            {
                throw new InvalidArgumentException("Invalid argument: `Dpop.NonceKey` must be base64 of at least 32 bytes");
            }
        }
    }

    private static void ValidateJwtKeys(OAuth2ServerOptions options)
    {
        if (options.JwtAccessTokens is not { } jwt)
        {
            return;
        }

        if ((jwt.SigningKey is null) == (jwt.SigningKeys is null))
        {
            throw new InvalidArgumentException("Missing parameter: `jwtAccessTokens` needs exactly one of `signingKey` and `signingKeys`");
        }

        if (jwt.SigningKeys is Jwt.Rotation.PersistedSigningKeyProvider persisted)
        {
            try
            {
                persisted.Options.Validate(options.AccessTokenLifetime);
            }
            catch (ArgumentException e)
            {
                throw new InvalidArgumentException("Invalid argument: " + e.Message, e);
            }
        }
    }
}
