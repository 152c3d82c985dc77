namespace OAuth2.Clients;

/// <summary>A registered client, as the model returns it and a store persists it.</summary>
/// <remarks>
/// The secret is only ever held as <see cref="SecretHash"/> (see <c>OAuth2.Security.ClientSecretHasher</c> (core)),
/// so a leaked store gives an attacker nothing to authenticate with.
/// </remarks>
public sealed record OAuth2Client
{
    /// <summary>The client identifier; compared ordinally (case-sensitive) everywhere.</summary>
    public required string Id { get; init; }

    public ClientType Type { get; init; } = ClientType.Confidential;

    /// <summary>The hashed secret of a confidential client, in the format <c>OAuth2.Security.ClientSecretHasher</c> (core) writes.</summary>
    public string? SecretHash { get; init; }

    /// <summary>Registered redirect URIs, matched by exact string comparison (loopback port excepted).</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Grant types this client may use (<c>authorization_code</c>, <c>refresh_token</c>, ... or an extension URI).</summary>
    public IReadOnlyList<string> Grants { get; init; } = [];

    /// <summary>Scopes this client may be granted; <c>null</c> leaves the decision to the scope policy alone.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Overrides the server's <c>AccessTokenLifetime</c> option for this client.</summary>
    public TimeSpan? AccessTokenLifetime { get; init; }

    /// <summary>Overrides the server's <c>RefreshTokenLifetime</c> option for this client.</summary>
    public TimeSpan? RefreshTokenLifetime { get; init; }

    /// <summary>Demands PKCE of this client even when it is confidential.</summary>
    public bool RequirePkce { get; init; }

    /// <summary>Free-form registration data (display name, contacts, ...), kept as strings so every backend can hold it.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties.Instance;

    /// <summary>
    /// How the client authenticates (RFC 7591 <c>token_endpoint_auth_method</c>). <c>null</c>: by its type, a secret
    /// for a confidential client and none for a public one. <see cref="TokenEndpointAuthMethods.PrivateKeyJwt"/>: only
    /// by a JWT signed with a key in <see cref="Jwks"/>.
    /// </summary>
    public string? TokenEndpointAuthMethod { get; init; }

    /// <summary>The client's public keys as a JWK set document (RFC 7517 JSON text, RFC 7591 <c>jwks</c>), for <c>private_key_jwt</c>.</summary>
    public string? Jwks { get; init; }

    /// <summary>
    /// Resource indicators (RFC 8707, absolute URIs) this client may request tokens for; a <c>resource</c> outside
    /// the list is <c>invalid_target</c>. Empty: the client may name no resource, and its tokens carry the default audience.
    /// </summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// RFC 9449 <c>dpop_bound_access_tokens</c>: this client always uses DPoP, so a token request without a proof is
    /// refused rather than answered with a bearer token an attacker could replay.
    /// </summary>
    public bool DpopBoundAccessTokens { get; init; }

    /// <summary>
    /// The client may only start an authorization through a pushed request (RFC 9126 section 6.1,
    /// <c>require_pushed_authorization_requests</c>): an authorization request without <c>request_uri</c> is refused.
    /// </summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    /// <summary>
    /// The hash of the RFC 7592 registration access token that manages this client (same format as
    /// <see cref="SecretHash"/>); <c>null</c> for a client that was not dynamically registered. The token itself is never stored.
    /// </summary>
    public string? RegistrationAccessTokenHash { get; init; }

    /// <summary>
    /// When <see cref="SecretHash"/> stops authenticating the client (RFC 7591 <c>client_secret_expires_at</c>);
    /// <c>null</c>: never. Set by dynamic registration when the host gives secrets a lifetime, so a leaked secret
    /// is useful for a bounded time; the token endpoint refuses an expired secret like a wrong one.
    /// </summary>
    public DateTimeOffset? ClientSecretExpiresAt { get; init; }
}
