using OAuth2.Clients;
using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>
/// The full model composed from a store and an application policy: a user who picks a storage package writes only
/// the policy. It is the one place where token values become <see cref="TokenDigest"/>s, so no store ever sees a
/// usable credential.
/// </summary>
public sealed class StoreBackedModel :
    IClientModel,
    ITokenModel,
    IAccessTokenModel,
    IAuthorizationCodeModel,
    IRefreshTokenModel,
    IPasswordModel,
    IClientCredentialsModel,
    IScopeValidator,
    IScopeVerifier,
    ITokenRevocationModel,
    IDeviceAuthorizationModel,
    IModelCapabilities,
    IPushedAuthorizationModel,
    ITokenExchangeModel,
    IClientRegistrationModel,
    IClientRegistrationPolicy,
    IJwtBearerModel,
    IAssertionReplayModel
{
    // Frozen, so a store can keep it as it is instead of copying it for every token.
    private static readonly IReadOnlyDictionary<string, string> ClientUserProperties =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = "client" }, StringComparer.Ordinal);

    private readonly IClientStore _clients;
    private readonly ITokenStore _tokens;
    private readonly IAuthorizationCodeStore _codes;
    private readonly IDeviceAuthorizationStore? _devices;
    private readonly StoreModelPolicy _policy;

    // Used only when the server has no shared IReplayCache (OAuth2ServerOptions.ClientAssertions.ReplayCache, which the
    // DI registration fills from the store): then a JWT bearer assertion is single-use within this process only.
    private readonly ProcessReplayCache _replay = new(TimeProvider.System);

    /// <summary>Composes one store that holds everything with a policy.</summary>
    public StoreBackedModel(IOAuth2Store store, StoreModelPolicy? policy = null)
        : this(store, store, store, (IDeviceAuthorizationStore)store, policy)
    {
    }

    /// <summary>
    /// Composes separate stores (e.g. clients in SQL, tokens in Redis) with a policy. Without a device store the
    /// model does not offer the device grant, and a server configured for it names what is missing.
    /// </summary>
    public StoreBackedModel(IClientStore clients, ITokenStore tokens, IAuthorizationCodeStore codes, StoreModelPolicy? policy = null)
        : this(clients, tokens, codes, devices: null, policy)
    {
    }

    /// <summary>Composes separate stores, device authorizations included, with a policy.</summary>
    public StoreBackedModel(IClientStore clients, ITokenStore tokens, IAuthorizationCodeStore codes, IDeviceAuthorizationStore? devices, StoreModelPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(codes);
        _clients = clients;
        _tokens = tokens;
        _codes = codes;
        _devices = devices;
        _policy = policy ?? new StoreModelPolicy();
    }

    public bool Supports(Type capability)
    {
        if (capability == typeof(IPasswordModel))
        {
            return _policy.GetUser is not null;
        }

        if (capability == typeof(IScopeValidator))
        {
            return _policy.ValidateScope is not null;
        }

        if (capability == typeof(IClientRegistrationPolicy))
        {
            return _policy.ApproveRegistration is not null;
        }

        if (capability == typeof(IScopeVerifier))
        {
            return _policy.VerifyScope is not null;
        }

        if (capability == typeof(IDeviceAuthorizationModel))
        {
            return _devices is not null;
        }

        if (capability == typeof(IPushedAuthorizationModel))
        {
            return PushedAuthorizations is not null;
        }

        if (capability == typeof(ITokenExchangeModel))
        {
            return _policy.AuthorizeExchange is not null;
        }

        if (capability == typeof(IJwtBearerModel))
        {
            return _policy.GetUserFromAssertion is not null;
        }

        return capability.IsInstanceOfType(this);
    }

    public ValueTask<OAuth2Client?> GetClientAsync(string clientId, CancellationToken cancellationToken)
        => _clients.FindClientAsync(clientId, cancellationToken);

    public async ValueTask<Token> SaveTokenAsync(Token token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var access = new AccessToken
        {
            ClientId = token.Client.Id,
            User = token.User,
            Scope = token.Scope,
            IssuedAt = token.IssuedAt,
            ExpiresAt = token.AccessTokenExpiresAt,
            GrantId = token.GrantId,
            ExtendedAttributes = token.ExtendedAttributes,
            Audience = token.Audience,
            JwkThumbprint = token.JwkThumbprint,
        };
        TokenDigest? refreshDigest = null;
        RefreshToken? refresh = null;
        if (token.RefreshToken is not null)
        {
            refreshDigest = TokenDigest.Compute(token.RefreshToken);
            refresh = new RefreshToken
            {
                ClientId = token.Client.Id,
                User = token.User,
                Scope = token.RefreshTokenScope ?? token.Scope,
                IssuedAt = token.IssuedAt,
                ExpiresAt = token.RefreshTokenExpiresAt,
                GrantId = token.GrantId,
                Resources = token.Resources,
                JwkThumbprint = token.RefreshTokenJwkThumbprint,
            };
        }

        await _tokens.SaveTokensAsync(TokenDigest.Compute(token.AccessToken), access, refreshDigest, refresh, cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async ValueTask RevokeGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        await _codes.RevokeCodesOfGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
        await _tokens.RevokeTokensOfGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<AccessToken?> GetAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
        => _tokens.FindAccessTokenAsync(TokenDigest.Compute(accessToken), cancellationToken);

    public ValueTask<bool> RevokeAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
        => _tokens.RemoveAccessTokenAsync(TokenDigest.Compute(accessToken), cancellationToken);

    /// <summary>Saves a dynamically registered (or updated) client in the client store.</summary>
    public ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
        => _clients.SaveClientAsync(client, cancellationToken);

    /// <summary>The policy's <see cref="StoreModelPolicy.ApproveRegistration"/>; approves as proposed without one.</summary>
    public ValueTask<OAuth2Client> ApproveRegistrationAsync(Registration.ClientRegistrationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _policy.ApproveRegistration is { } approve ? approve(context, cancellationToken) : ValueTask.FromResult(context.Client);
    }

    /// <summary>Removes a dynamically registered client from the client store.</summary>
    public ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
        => _clients.RemoveClientAsync(clientId, cancellationToken);

    /// <summary>Removes every access and refresh token of the client from the token store.</summary>
    public ValueTask<int> RevokeTokensOfClientAsync(string clientId, CancellationToken cancellationToken)
        => _tokens.RevokeTokensOfClientAsync(clientId, cancellationToken);

    public ValueTask SaveAuthorizationCodeAsync(string code, AuthorizationCode data, CancellationToken cancellationToken)
        => _codes.SaveAuthorizationCodeAsync(TokenDigest.Compute(code), data, cancellationToken);

    public ValueTask<AuthorizationCode?> GetAuthorizationCodeAsync(string code, CancellationToken cancellationToken)
        => _codes.FindAuthorizationCodeAsync(TokenDigest.Compute(code), cancellationToken);

    public ValueTask<RedemptionResult> RevokeAuthorizationCodeAsync(string code, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => _codes.RedeemAuthorizationCodeAsync(TokenDigest.Compute(code), redeemedAt, cancellationToken);

    public ValueTask<RefreshToken?> GetRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
        => _tokens.FindRefreshTokenAsync(TokenDigest.Compute(refreshToken), cancellationToken);

    public ValueTask<RedemptionResult> RevokeRefreshTokenAsync(string refreshToken, DateTimeOffset redeemedAt, CancellationToken cancellationToken)
        => _tokens.RedeemRefreshTokenAsync(TokenDigest.Compute(refreshToken), redeemedAt, cancellationToken);

    public ValueTask<OAuth2User?> GetUserAsync(string username, string password, OAuth2Client client, CancellationToken cancellationToken)
        => _policy.GetUser is { } getUser
            ? getUser(username, password, client, cancellationToken)
            : ValueTask.FromResult<OAuth2User?>(null);

    public ValueTask<OAuth2User?> GetUserFromClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return _policy.GetUserFromClient is { } fromClient
            ? fromClient(client, cancellationToken)
            : ValueTask.FromResult<OAuth2User?>(new OAuth2User(client.Id) { Properties = ClientUserProperties });
    }

    public ValueTask<IReadOnlyList<string>?> ValidateScopeAsync(OAuth2User user, OAuth2Client client, IReadOnlyList<string> requestedScope, CancellationToken cancellationToken)
        => _policy.ValidateScope is { } validate
            ? validate(user, client, requestedScope, cancellationToken)
            : ValueTask.FromResult<IReadOnlyList<string>?>(requestedScope);

    public ValueTask<bool> VerifyScopeAsync(AccessToken token, IReadOnlyList<string> requiredScope, CancellationToken cancellationToken)
        => _policy.VerifyScope is { } verify
            ? verify(token, requiredScope, cancellationToken)
            : ValueTask.FromResult(Scopes.ScopeParser.IsSubset(requiredScope, token.Scope));

    public ValueTask<bool> SaveDeviceAuthorizationAsync(string deviceCode, string userCode, DeviceAuthorization data, CancellationToken cancellationToken)
        => Devices.SaveDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), TokenDigest.Compute(userCode), data, cancellationToken);

    public ValueTask<DeviceAuthorization?> GetDeviceAuthorizationAsync(string deviceCode, CancellationToken cancellationToken)
        => Devices.FindDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), cancellationToken);

    public async ValueTask<DeviceAuthorization?> GetDeviceAuthorizationByUserCodeAsync(string userCode, CancellationToken cancellationToken)
    {
        var deviceCode = await Devices.FindDeviceCodeByUserCodeAsync(TokenDigest.Compute(userCode), cancellationToken).ConfigureAwait(false);
        return deviceCode is null ? null : await Devices.FindDeviceAuthorizationAsync(deviceCode, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> UpdateDeviceAuthorizationAsync(string deviceCode, long expectedRevision, DeviceAuthorization updated, CancellationToken cancellationToken)
        => Devices.UpdateDeviceAuthorizationAsync(TokenDigest.Compute(deviceCode), expectedRevision, updated, cancellationToken);

    public async ValueTask<bool> UpdateDeviceAuthorizationByUserCodeAsync(string userCode, long expectedRevision, DeviceAuthorization updated, CancellationToken cancellationToken)
    {
        var deviceCode = await Devices.FindDeviceCodeByUserCodeAsync(TokenDigest.Compute(userCode), cancellationToken).ConfigureAwait(false);
        return deviceCode is not null
            && await Devices.UpdateDeviceAuthorizationAsync(deviceCode, expectedRevision, updated, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<TokenExchange.TokenExchangeDecision> AuthorizeExchangeAsync(TokenExchange.TokenExchangeRequest request, CancellationToken cancellationToken)
        => _policy.AuthorizeExchange is { } authorize
            ? authorize(request, cancellationToken)
            : ValueTask.FromResult(TokenExchange.TokenExchangeDecision.Deny);

    public ValueTask<OAuth2User?> GetUserFromAssertionAsync(Jwt.JwtBearerAssertion assertion, OAuth2Client client, CancellationToken cancellationToken)
        => _policy.GetUserFromAssertion is { } map
            ? map(assertion, client, cancellationToken)
            : ValueTask.FromResult<OAuth2User?>(null);

    public ValueTask<bool> TryUseJwtIdAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => ValueTask.FromResult(_replay.TryUse(issuer, jwtId, expiresAt));

    private IDeviceAuthorizationStore Devices
        => _devices ?? throw new InvalidOperationException("This model was composed without a device authorization store.");

    /// <summary>
    /// Where pushed authorization requests (RFC 9126) are kept; <c>null</c> (the default) and the model does not offer
    /// the PAR endpoint. The DI registration sets the registered <see cref="IPushedAuthorizationStore"/>.
    /// </summary>
    public IPushedAuthorizationStore? PushedAuthorizations { get; init; }

    public ValueTask SavePushedAuthorizationAsync(string requestUri, PushedAuthorization data, CancellationToken cancellationToken)
        => Pushed.SavePushedAuthorizationAsync(TokenDigest.Compute(requestUri), data, cancellationToken);

    public ValueTask<PushedAuthorization?> GetPushedAuthorizationAsync(string requestUri, CancellationToken cancellationToken)
        => Pushed.FindPushedAuthorizationAsync(TokenDigest.Compute(requestUri), cancellationToken);

    public ValueTask<bool> ConsumePushedAuthorizationAsync(string requestUri, DateTimeOffset consumedAt, CancellationToken cancellationToken)
        => Pushed.ConsumePushedAuthorizationAsync(TokenDigest.Compute(requestUri), consumedAt, cancellationToken);

    private IPushedAuthorizationStore Pushed
        => PushedAuthorizations ?? throw new InvalidOperationException("This model was composed without a pushed authorization store.");
}
