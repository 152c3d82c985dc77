using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;
using OAuth2.Model;
using OAuth2.Pkce;

namespace OAuth2;

/// <summary>Discovery: the authorization server metadata document (RFC 8414) and the JWKS it points to.</summary>
public sealed partial class OAuth2Server
{
    /// <summary>The public JWKS for <c>jwks_uri</c>; <c>null</c> when access tokens are opaque.</summary>
    /// <remarks>With a provider that reads a store this may wait for it; a host prefers <see cref="GetSigningKeySetAsync"/>.</remarks>
    public IReadOnlyDictionary<string, object?>? GetJsonWebKeySet()
    {
        if (_options.JwtAccessTokens is not { } jwt)
        {
            return null;
        }

        var keys = jwt.KeyProvider.GetSigningKeysAsync(CancellationToken.None);
        return (keys.IsCompletedSuccessfully ? keys.Result : keys.AsTask().GetAwaiter().GetResult()).ToJsonWebKeySet();
    }

    /// <summary>
    /// The signing keys in force (active, next, retired) when access tokens are JWTs, else <c>null</c>: what the
    /// <c>jwks_uri</c> publishes (<see cref="Jwt.JwtSigningKeySet.ToJsonWebKeySet"/>) and how long it may be cached.
    /// </summary>
    public async ValueTask<Jwt.JwtSigningKeySet?> GetSigningKeySetAsync(CancellationToken cancellationToken)
        => _options.JwtAccessTokens is { } jwt ? await jwt.KeyProvider.GetSigningKeysAsync(cancellationToken).ConfigureAwait(false) : null;

    /// <summary>
    /// The authorization server metadata document (RFC 8414), generated from what is actually configured and served:
    /// an endpoint is listed only when the host serves it (a non-null URL in <paramref name="endpoints"/>) and the
    /// server can answer there; a grant only when it is enabled and usable through the served endpoints
    /// (<c>authorization_code</c> needs the authorization endpoint, the device grant its endpoint, <c>refresh_token</c>
    /// a grant that issues refresh tokens); <c>scopes_supported</c> only when the host declares its scopes.
    /// </summary>
    public IReadOnlyDictionary<string, object?> GetMetadata(MetadataEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var grants = UsableGrants(endpoints);
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["issuer"] = endpoints.Issuer.AbsoluteUri.TrimEnd('/'),
            ["token_endpoint"] = endpoints.Token.AbsoluteUri,
            ["grant_types_supported"] = grants.ToArray(),
            ["token_endpoint_auth_methods_supported"] = AuthMethods("client_secret_basic", "client_secret_post", "none"),
        };
        AddSigningAlgorithms(metadata, "token_endpoint");
        if (_authorizeHandler is not null && endpoints.Authorization is not null)
        {
            metadata["authorization_endpoint"] = endpoints.Authorization.AbsoluteUri;
            metadata["response_types_supported"] = new[] { "code" };
            metadata["response_modes_supported"] = new[] { "query" };
            metadata["code_challenge_methods_supported"] = _options.EnablePlainPkce ? new[] { PkceMethods.S256, PkceMethods.Plain } : new[] { PkceMethods.S256 };
            metadata["authorization_response_iss_parameter_supported"] = _options.Issuer is not null;
        }
        else
        {
            metadata["response_types_supported"] = Array.Empty<string>();
        }

        if (_options.ScopesSupported.Count > 0)
        {
            metadata["scopes_supported"] = _options.ScopesSupported.Distinct(StringComparer.Ordinal).ToArray();
        }

        if (endpoints.Revocation is not null && _revocationHandler is not null)
        {
            metadata["revocation_endpoint"] = endpoints.Revocation.AbsoluteUri;
            metadata["revocation_endpoint_auth_methods_supported"] = AuthMethods("client_secret_basic", "client_secret_post", "none");
            AddSigningAlgorithms(metadata, "revocation_endpoint");
        }

        if (endpoints.Introspection is not null)
        {
            metadata["introspection_endpoint"] = endpoints.Introspection.AbsoluteUri;
            metadata["introspection_endpoint_auth_methods_supported"] = AuthMethods("client_secret_basic", "client_secret_post");
            AddSigningAlgorithms(metadata, "introspection_endpoint");
        }

        if (endpoints.Jwks is not null && _options.JwtAccessTokens is not null)
        {
            metadata["jwks_uri"] = endpoints.Jwks.AbsoluteUri;
        }

        if (_dpop is not null)
        {
            metadata["dpop_signing_alg_values_supported"] = _dpop.Algorithms.ToArray();
        }

        if (endpoints.DeviceAuthorization is not null && _deviceAuthorizationHandler is not null)
        {
            metadata["device_authorization_endpoint"] = endpoints.DeviceAuthorization.AbsoluteUri;
        }

        if (endpoints.PushedAuthorization is not null && _pushedAuthorizationHandler is not null && endpoints.Authorization is not null)
        {
            // RFC 9126 section 5.
            metadata["pushed_authorization_request_endpoint"] = endpoints.PushedAuthorization.AbsoluteUri;
            metadata["require_pushed_authorization_requests"] = _options.RequirePushedAuthorizationRequests;
        }

        if (endpoints.Registration is not null && _registrationHandler is not null)
        {
            metadata["registration_endpoint"] = endpoints.Registration.AbsoluteUri;
        }

        return metadata;
    }

    // private_key_jwt is offered once a replay cache is configured (the DI registration always adds one): without it,
    // every assertion is refused, so advertising the method would be a lie.
    private bool AcceptsClientAssertions => _options.ClientAssertions.ReplayCache is not null;

    // FAPI 2.0 (section 5.3.2.1): private_key_jwt alone, the only method the profile lets ClientAuthenticator accept.
    private string[] AuthMethods(params string[] secretMethods) => Profiles.SecurityProfiles.RequiresPrivateKeyJwt(_options)
        ? [Clients.TokenEndpointAuthMethods.PrivateKeyJwt]
        : AcceptsClientAssertions ? [.. secretMethods, Clients.TokenEndpointAuthMethods.PrivateKeyJwt] : secretMethods;

    // RFC 8414 section 2 (and RFC 7009/7662's equivalents): the JWS algorithms accepted for private_key_jwt.
    private void AddSigningAlgorithms(Dictionary<string, object?> metadata, string endpoint)
    {
        if (AcceptsClientAssertions)
        {
            metadata[endpoint + "_auth_signing_alg_values_supported"] = _clientAssertionValidator.SigningAlgorithms.ToArray();
        }
    }

    /// <summary>
    /// The grants a client can actually complete here, in a stable order: a grant whose first step is an endpoint the
    /// host does not serve cannot be used, and a refresh token only exists after a grant that issues one.
    /// </summary>
    private List<string> UsableGrants(MetadataEndpoints endpoints)
    {
        var grants = new List<string>(_options.GrantTypes.Count + _options.ExtendedGrantTypes.Count);
        if (_tokenHandler is null)
        {
            return grants;
        }

        foreach (var grant in _options.GrantTypes.Order(StringComparer.Ordinal))
        {
            var usable = grant switch
            {
                GrantTypes.AuthorizationCode => _authorizeHandler is not null && endpoints.Authorization is not null,
                GrantTypes.DeviceCode => _deviceAuthorizationHandler is not null && endpoints.DeviceAuthorization is not null,
                _ => true,
            };
            if (usable)
            {
                grants.Add(grant);
            }
        }

        grants.AddRange(_options.ExtendedGrantTypes.Keys.Order(StringComparer.Ordinal));
        var issuesRefreshTokens = grants.Exists(g => g is not (GrantTypes.RefreshToken or GrantTypes.ClientCredentials));
        if (!issuesRefreshTokens)
        {
            grants.Remove(GrantTypes.RefreshToken);
        }

        return grants;
    }
}
