using System.Net;
using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Scopes;

namespace OAuth2.Registration;

/// <summary>
/// The RFC 7591 section 2 rules, each in one place with its error id: what the metadata may say and how it maps onto
/// an <see cref="OAuth2Client"/>. Pure: no store, no clock, no randomness.
/// </summary>
internal static class ClientMetadataRules
{
    public const string None = "none";
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string Code = "code";

    /// <summary>What the rules decided: the client's protocol fields and the metadata kept as properties.</summary>
    public sealed record Decision(
        string AuthMethod,
        IReadOnlyList<string> RedirectUris,
        IReadOnlyList<string> Grants,
        IReadOnlyList<string> ResponseTypes,
        IReadOnlyList<string>? Scopes,
        Dictionary<string, string> Properties,
        string? Jwks)
    {
        public bool IsPublic => AuthMethod == None;

        /// <summary>Whether the client authenticates with a secret the server generates (<c>client_secret_basic</c>/<c>_post</c>).</summary>
        public bool UsesSecret => AuthMethod is ClientSecretBasic or ClientSecretPost;
    }

    public static Decision Apply(ClientMetadata metadata, ClientRegistrationOptions options, OAuth2ServerOptions server)
    {
        if (metadata.HasSoftwareStatement)
        {
            throw new UnapprovedSoftwareStatementException("Unapproved software statement: this server accepts no software statements")
            {
                ErrorId = ErrorIds.SoftwareStatementNotSupported,
            };
        }

        var authMethod = AuthMethod(metadata, options, server);
        var grants = Grants(metadata, options, server, authMethod);
        var responseTypes = ResponseTypes(metadata, grants);
        var redirectUris = RedirectUris(metadata, options, grants, authMethod);
        var scopes = Scopes(metadata, options);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in metadata.Texts)
        {
            if (Array.IndexOf(ClientMetadata.UrlMembers, name) >= 0 && !IsWebUrl(value))
            {
                throw ClientMetadata.Malformed($"`{name}` must be an absolute http or https URL");
            }

            properties[name] = value;
        }

        if (metadata.Contacts is { Count: > 0 } contacts)
        {
            properties[RegistrationProperties.Contacts] = RegistrationProperties.ToJsonArray(contacts);
        }

        properties[RegistrationProperties.ResponseTypes] = string.Join(' ', responseTypes);
        return new Decision(authMethod, redirectUris, grants, responseTypes, scopes, properties, authMethod == PrivateKeyJwt ? metadata.Jwks : null);
    }

    /// <summary>
    /// Section 2 <c>token_endpoint_auth_method</c>: the default is <c>client_secret_basic</c>. <c>private_key_jwt</c>
    /// (RFC 7523) needs the keys inline as <c>jwks</c>, a valid public JWK set with at least one key this server
    /// verifies with; <c>jwks_uri</c> is not fetched, and section 2 forbids sending both. Under the FAPI 2.0 profile
    /// <c>private_key_jwt</c> is the default and the only method: a secret registered there could never authenticate.
    /// </summary>
    private static string AuthMethod(ClientMetadata metadata, ClientRegistrationOptions options, OAuth2ServerOptions server)
    {
        if (metadata.Jwks is not null && metadata.HasJwksUri)
        {
            throw ClientMetadata.Malformed("`jwks` and `jwks_uri` must not both be present (RFC 7591 section 2)");
        }

        var keysOnly = Profiles.SecurityProfiles.RequiresPrivateKeyJwt(server);
        var method = metadata.TokenEndpointAuthMethod ?? (keysOnly ? PrivateKeyJwt : ClientSecretBasic);
        if (keysOnly && method != PrivateKeyJwt)
        {
            throw Unsupported("the FAPI 2.0 profile allows only `private_key_jwt`");
        }

        switch (method)
        {
            case ClientSecretBasic or ClientSecretPost:
                return method;
            case None when options.AllowPublicClients:
                return method;
            case None:
                throw Unsupported("public clients (`none`) may not register here");
            case PrivateKeyJwt when metadata.Jwks is null:
                throw Unsupported(metadata.HasJwksUri
                    ? "`private_key_jwt` needs the keys as `jwks`; this server does not fetch `jwks_uri`"
                    : "`private_key_jwt` requires `jwks`");
            case PrivateKeyJwt:
                if (Jwt.VerificationKeySet.TryParse(metadata.Jwks, out var keys) != Jwt.JoseFailure.None || keys is not { Keys.Count: > 0 })
                {
                    throw Unsupported("`jwks` must be a public JWK set with at least one key this server verifies with");
                }

                return method;
            default:
                throw Unsupported("unsupported `token_endpoint_auth_method`");
        }

        static InvalidClientMetadataException Unsupported(string what)
            => new($"Invalid client metadata: {what}") { ErrorId = ErrorIds.AuthenticationMethodNotSupported };
    }

    /// <summary>Section 2 <c>grant_types</c> (default <c>authorization_code</c>), within the policy and what the server enables.</summary>
    private static IReadOnlyList<string> Grants(ClientMetadata metadata, ClientRegistrationOptions options, OAuth2ServerOptions server, string authMethod)
    {
        var grants = metadata.GrantTypes ?? [GrantTypes.AuthorizationCode];
        foreach (var grant in grants)
        {
            var enabled = server.GrantTypes.Contains(grant) || server.ExtendedGrantTypes.ContainsKey(grant);
            if (!enabled || !options.AllowedGrantTypes.Contains(grant, StringComparer.Ordinal))
            {
                throw new InvalidClientMetadataException("Invalid client metadata: a grant type is not allowed for registered clients")
                {
                    ErrorId = ErrorIds.GrantTypeNotAllowed,
                };
            }

            if (authMethod == None && grant == GrantTypes.ClientCredentials)
            {
                // RFC 6749 section 4.4: only confidential clients use the client credentials grant.
                throw new InvalidClientMetadataException("Invalid client metadata: a public client cannot use `client_credentials`")
                {
                    ErrorId = ErrorIds.GrantTypeNotAllowed,
                };
            }
        }

        return grants;
    }

    /// <summary>
    /// Section 2.1: <c>code</c> needs <c>authorization_code</c> and vice versa; <c>token</c> (implicit) is not supported.
    /// Omitted, the response types follow from the grants (<c>code</c> with the code grant, none without).
    /// </summary>
    private static IReadOnlyList<string> ResponseTypes(ClientMetadata metadata, IReadOnlyList<string> grants)
    {
        var hasCodeGrant = grants.Contains(GrantTypes.AuthorizationCode, StringComparer.Ordinal);
        var responseTypes = metadata.ResponseTypes ?? (hasCodeGrant ? [Code] : []);
        foreach (var type in responseTypes)
        {
            if (type != Code)
            {
                throw Inconsistent("only the `code` response type is supported");
            }
        }

        var hasCode = responseTypes.Count > 0;
        if (hasCode != hasCodeGrant)
        {
            throw Inconsistent(hasCode
                ? "response type `code` requires grant type `authorization_code` (RFC 7591 section 2.1)"
                : "grant type `authorization_code` requires response type `code` (RFC 7591 section 2.1)");
        }

        return responseTypes;

        static InvalidClientMetadataException Inconsistent(string what)
            => new($"Invalid client metadata: {what}") { ErrorId = ErrorIds.GrantAndResponseTypesInconsistent };
    }

    /// <summary>
    /// Redirect URIs: absolute, no fragment (RFC 6749 section 3.1.2); <c>https</c>, or <c>http</c> on a loopback IP
    /// literal (RFC 8252 section 7.3; not <c>localhost</c>, section 8.3), or a reverse-domain private-use scheme for a
    /// public native client (RFC 8252 section 7.1). Required for the redirect-based code grant.
    /// </summary>
    private static IReadOnlyList<string> RedirectUris(ClientMetadata metadata, ClientRegistrationOptions options, IReadOnlyList<string> grants, string authMethod)
    {
        var uris = metadata.RedirectUris ?? [];
        if (uris.Count == 0 && grants.Contains(GrantTypes.AuthorizationCode, StringComparer.Ordinal))
        {
            throw Refused("`redirect_uris` is required for the authorization_code grant");
        }

        foreach (var uri in uris)
        {
            if (!RedirectUriMatcher.IsValidFormat(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
            {
                throw Refused("a redirect URI must be absolute, without a fragment");
            }

            switch (parsed.Scheme)
            {
                case "https":
                    if (parsed.Host.Length == 0)
                    {
                        throw Refused("an https redirect URI must name a host");
                    }

                    if (options.AllowedRedirectHosts is { } hosts && !hosts.Contains(parsed.IdnHost, StringComparer.OrdinalIgnoreCase))
                    {
                        throw Refused("a redirect URI names a host that registration does not allow");
                    }

                    break;
                case "http":
                    if (!IsLoopbackLiteral(parsed))
                    {
                        throw Refused("http redirect URIs are allowed only on a loopback IP literal (RFC 8252 section 7.3)");
                    }

                    break;
                default:
                    if (!parsed.Scheme.Contains('.', StringComparison.Ordinal))
                    {
                        throw Refused("a private-use redirect URI scheme must be a reverse domain name (RFC 8252 section 7.1)");
                    }

                    if (authMethod != None)
                    {
                        throw Refused("private-use redirect URI schemes are for public native clients (RFC 8252 section 7.1)");
                    }

                    break;
            }
        }

        return uris;

        static InvalidRedirectUriException Refused(string what)
            => new($"Invalid redirect URI: {what}") { ErrorId = ErrorIds.RedirectUriNotAllowed };
    }

    /// <summary><c>scope</c>: the RFC 6749 grammar, within <see cref="ClientRegistrationOptions.AllowedScopes"/>; omitted, all allowed scopes (or none recorded).</summary>
    private static IReadOnlyList<string>? Scopes(ClientMetadata metadata, ClientRegistrationOptions options)
    {
        if (metadata.Scope is null)
        {
            return options.AllowedScopes is { } all ? [.. all] : null;
        }

        IReadOnlyList<string> scopes;
        try
        {
            scopes = ScopeParser.Parse(metadata.Scope);
        }
        catch (InvalidScopeException e)
        {
            throw ClientMetadata.Malformed("`scope` is not a space-separated list of scope tokens", e);
        }

        if (options.AllowedScopes is { } allowed && !ScopeParser.IsSubset(scopes, [.. allowed]))
        {
            throw new InvalidClientMetadataException("Invalid client metadata: a requested scope is not allowed for registered clients")
            {
                ErrorId = ErrorIds.RegistrationScopeNotAllowed,
            };
        }

        return scopes;
    }

    private static bool IsLoopbackLiteral(Uri uri)
        => uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address)
            && IPAddress.IsLoopback(address);

    private static bool IsWebUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0;
}
