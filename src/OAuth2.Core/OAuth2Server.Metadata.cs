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
    public IReadOnlyDictionary<string, object?>? GetJsonWebKeySet()
        => _options.JwtAccessTokens is { } jwt ? Jwt.JsonWebKeySet.Create(jwt.SigningKey) : null;

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

        if (endpoints.Revocation is not null)
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

        return metadata;
    }

    // private_key_jwt is offered once a replay cache is configured (the DI registration always adds one): without it,
    // every assertion is refused, so advertising the method would be a lie.
    private bool AcceptsClientAssertions => _options.ClientAssertions.ReplayCache is not null;

    private string[] AuthMethods(params string[] secretMethods)
        => AcceptsClientAssertions ? [.. secretMethods, Clients.TokenEndpointAuthMethods.PrivateKeyJwt] : secretMethods;

    // RFC 8414 section 2 (and RFC 7009/7662's equivalents): the JWS algorithms accepted for private_key_jwt.
    private void AddSigningAlgorithms(Dictionary<string, object?> metadata, string endpoint)
    {
        if (AcceptsClientAssertions)
        {
            metadata[endpoint + "_auth_signing_alg_values_supported"] = _clientAssertionValidator.SigningAlgorithms.ToArray();
        }
    }
}
