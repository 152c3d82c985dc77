namespace OAuth2.Registration;

/// <summary>
/// Dynamic client registration (RFC 7591) and management (RFC 7592). Set <see cref="OAuth2ServerOptions.ClientRegistration"/>
/// to turn it on. Secure by default: an initial access token is required, only the code flow (with refresh) can be
/// registered, and every list and value is bounded.
/// </summary>
/// <remarks>A mutable class so that it binds from configuration (<c>OAuth2:ClientRegistration</c>).</remarks>
public sealed class ClientRegistrationOptions
{
    /// <summary>
    /// SHA-256 digests (64 hexadecimal characters) of the initial access tokens that may register clients (RFC 7591
    /// section 3, sent as <c>Authorization: Bearer</c>). Only digests are configured, so configuration holds nothing a
    /// caller could present. Empty and <see cref="AllowOpenRegistration"/> off: every registration is refused.
    /// </summary>
    public IList<string> InitialAccessTokenHashes { get; set; } = [];

    /// <summary>Lets anyone register without an initial access token. Off by default.</summary>
    public bool AllowOpenRegistration { get; set; }

    /// <summary>
    /// Grant types a registration may ask for (further limited to those the server has enabled). By default the code
    /// flow and refresh: <c>password</c> and <c>client_credentials</c> must be allowed here explicitly.
    /// </summary>
    public IList<string> AllowedGrantTypes { get; set; } = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];

    /// <summary>Scopes a registered client may hold; <c>null</c> leaves them to the scope policy. A registration that omits <c>scope</c> gets all of these.</summary>
    public IList<string>? AllowedScopes { get; set; }

    /// <summary>Hosts an <c>https</c> redirect URI may name (compared without regard to case); <c>null</c> allows any host. Loopback and private-use URIs are not affected.</summary>
    public IList<string>? AllowedRedirectHosts { get; set; }

    /// <summary>The most redirect URIs one client may register (default 10).</summary>
    public int MaxRedirectUris { get; set; } = 10;

    /// <summary>The most entries any other list (contacts, grant types, response types) may hold (default 10).</summary>
    public int MaxListLength { get; set; } = 10;

    /// <summary>The largest registration body accepted, in bytes (default 16 KiB).</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>Lets a registration choose <c>token_endpoint_auth_method</c> <c>none</c> (a public client that must use PKCE). On by default: native apps and SPAs need it.</summary>
    public bool AllowPublicClients { get; set; } = true;

    /// <summary>
    /// How long a generated client secret authenticates its client (RFC 7591 <c>client_secret_expires_at</c>);
    /// <c>null</c> (the default): it never expires. A lifetime bounds what a leaked secret is worth and makes
    /// abandoned registrations (common with open registration) stop working on their own; the client renews its
    /// secret before it expires by an update (RFC 7592), which issues a new one once less than a quarter of the
    /// lifetime is left or it has expired. At most 100 years.
    /// </summary>
    public TimeSpan? ClientSecretLifetime { get; set; }

    internal ClientRegistrationOptions Snapshot() => new()
    {
        InitialAccessTokenHashes = [.. InitialAccessTokenHashes],
        AllowOpenRegistration = AllowOpenRegistration,
        AllowedGrantTypes = [.. AllowedGrantTypes],
        AllowedScopes = AllowedScopes is null ? null : [.. AllowedScopes],
        AllowedRedirectHosts = AllowedRedirectHosts is null ? null : [.. AllowedRedirectHosts],
        MaxRedirectUris = MaxRedirectUris,
        MaxListLength = MaxListLength,
        MaxRequestBytes = MaxRequestBytes,
        AllowPublicClients = AllowPublicClients,
        ClientSecretLifetime = ClientSecretLifetime,
    };
}
