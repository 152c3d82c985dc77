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
    /// The authorization server metadata document (RFC 8414), generated from what is actually configured: enabled
    /// grants, PKCE methods, client authentication methods.
    /// </summary>
    public IReadOnlyDictionary<string, object?> GetMetadata(MetadataEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var grants = new List<string>(_options.GrantTypes.Order(StringComparer.Ordinal));
        grants.AddRange(_options.ExtendedGrantTypes.Keys.Order(StringComparer.Ordinal));
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["issuer"] = endpoints.Issuer.AbsoluteUri.TrimEnd('/'),
            ["token_endpoint"] = endpoints.Token.AbsoluteUri,
            ["grant_types_supported"] = grants.ToArray(),
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
        };
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

        if (endpoints.Revocation is not null)
        {
            metadata["revocation_endpoint"] = endpoints.Revocation.AbsoluteUri;
            metadata["revocation_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" };
        }

        if (endpoints.Introspection is not null)
        {
            metadata["introspection_endpoint"] = endpoints.Introspection.AbsoluteUri;
            metadata["introspection_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" };
        }

        if (endpoints.Jwks is not null && _options.JwtAccessTokens is not null)
        {
            metadata["jwks_uri"] = endpoints.Jwks.AbsoluteUri;
        }

        if (endpoints.DeviceAuthorization is not null && _deviceAuthorizationHandler is not null)
        {
            metadata["device_authorization_endpoint"] = endpoints.DeviceAuthorization.AbsoluteUri;
        }

        return metadata;
    }
}
