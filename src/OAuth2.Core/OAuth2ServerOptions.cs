using OAuth2.Grants;

namespace OAuth2;

/// <summary>
/// Server options: node-oauth2-server v5's options under C# names and with the same defaults, plus the ones this
/// library adds for what node cannot express (client types, PKCE enforcement, refresh-token reuse detection).
/// </summary>
/// <remarks>A mutable class so that it binds from configuration; the server copies what it needs when built.</remarks>
public sealed class OAuth2ServerOptions
{
    /// <summary>Access token lifetime (node <c>accessTokenLifetime</c>, 3600 s). A client's own lifetime wins.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Refresh token lifetime (node <c>refreshTokenLifetime</c>, 1209600 s = 14 days). A client's own lifetime wins.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromSeconds(1209600);

    /// <summary>Authorization code lifetime (node <c>authorizationCodeLifetime</c>, 300 s; RFC 6749 recommends at most 10 minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Allows an authorization request without <c>state</c> (node <c>allowEmptyState</c>).</summary>
    public bool AllowEmptyState { get; set; }

    /// <summary>Copies the saved token's extended attributes into the token response (node <c>allowExtendedTokenAttributes</c>).</summary>
    public bool AllowExtendedTokenAttributes { get; set; }

    /// <summary>
    /// Per grant type, whether a <em>confidential</em> client must present its secret (node
    /// <c>requireClientAuthentication</c>; a missing key means <c>true</c>). Setting a grant to <c>false</c> also
    /// lets <em>public</em> clients use that grant without authentication. Public clients may always use
    /// <c>authorization_code</c> (with PKCE) and <c>refresh_token</c>, and never <c>client_credentials</c>.
    /// </summary>
    public IDictionary<string, bool> RequireClientAuthentication { get; set; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Rotates refresh tokens: the old one is redeemed and a new one issued (node <c>alwaysIssueNewRefreshToken</c>, default on).</summary>
    public bool AlwaysIssueNewRefreshToken { get; set; } = true;

    /// <summary>
    /// The built-in grant types the token endpoint accepts. The model must implement what each needs; the server
    /// names any missing function when it is built.
    /// </summary>
    public ISet<string> GrantTypes { get; set; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OAuth2.GrantTypes.AuthorizationCode,
        OAuth2.GrantTypes.ClientCredentials,
        OAuth2.GrantTypes.RefreshToken,
        OAuth2.GrantTypes.Password,
    };

    /// <summary>Extension grants (RFC 6749 section 4.5) keyed by their absolute-URI name (node <c>extendedGrantTypes</c>).</summary>
    public IDictionary<string, IGrantType> ExtendedGrantTypes { get; set; } = new Dictionary<string, IGrantType>(StringComparer.Ordinal);

    /// <summary>Adds <c>X-Accepted-OAuth-Scopes</c> when a resource requires scopes (node <c>addAcceptedScopesHeader</c>).</summary>
    public bool AddAcceptedScopesHeader { get; set; } = true;

    /// <summary>Adds <c>X-OAuth-Scopes</c> with the token's scopes when a resource requires scopes (node <c>addAuthorizedScopesHeader</c>).</summary>
    public bool AddAuthorizedScopesHeader { get; set; } = true;

    /// <summary>Accepts <c>?access_token=</c> (node <c>allowBearerTokensInQueryString</c>). Off: such tokens are ignored, as OAuth 2.1 requires.</summary>
    public bool AllowBearerTokensInQueryString { get; set; }

    /// <summary>Accepts the <c>plain</c> PKCE method (node <c>enablePlainPKCE</c>). Off: <c>S256</c> only.</summary>
    public bool EnablePlainPkce { get; set; }

    /// <summary>Demands PKCE of every client, confidential ones too (OAuth 2.1). Public clients need it regardless.</summary>
    public bool RequirePkce { get; set; }

    /// <summary>
    /// How long after a refresh token was rotated a second use is treated as a benign race (two tabs refreshing at
    /// once): refused, but the token family survives. Zero (the default) revokes the family on any reuse.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>The realm named in <c>WWW-Authenticate</c> challenges.</summary>
    public string Realm { get; set; } = "Service";

    /// <summary>
    /// The issuer identifier (RFC 8414), e.g. <c>https://auth.example.com</c>: every authorization response carries it
    /// as <c>iss</c> (RFC 9207). Required by the authorization endpoint and the metadata document, which refuse to run
    /// without it rather than derive it from a request (a Host header is the caller's to choose).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The PBKDF2 iterations your clients' person-chosen secrets are hashed with (<see cref="Security.ClientSecretHasher.HashChosenSecret"/>).
    /// An unknown client id spends one verification at this cost, so that it answers exactly as slowly as a wrong
    /// secret for a real client; a stored hash with more iterations raises the cost to match for the server's
    /// lifetime. 0 when every client secret is server-generated (SHA-256): an unknown id then costs one SHA-256.
    /// </summary>
    public int SecretHashIterations { get; set; } = Security.ClientSecretHasher.Pbkdf2Iterations;

    /// <summary>Issue access tokens as signed JWTs (RFC 9068); <c>null</c> (the default) issues opaque tokens.</summary>
    public Jwt.JwtAccessTokenOptions? JwtAccessTokens { get; set; }

    /// <summary>
    /// The page where a user enters a device's user code (RFC 8628 <c>verification_uri</c>), as an absolute URI.
    /// Required when <see cref="GrantTypes"/> includes the device grant; the host serves the page.
    /// </summary>
    public string? DeviceVerificationUri { get; set; }

    /// <summary>How long a device code and its user code stay usable (RFC 8628 <c>expires_in</c>); 10 minutes.</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The minimum time between a device's polls (RFC 8628 <c>interval</c>, whole seconds); 5 seconds, the RFC's default.</summary>
    public TimeSpan DevicePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest parameter value accepted; longer values are <c>invalid_request</c> before any lookup.</summary>
    public int MaxParameterLength { get; set; } = 2048;

    /// <summary><c>private_key_jwt</c> client authentication: accepted audiences, lifetimes, algorithms and the replay cache.</summary>
    public ClientAssertions.ClientAssertionOptions ClientAssertions { get; set; } = new();

    /// <summary>DPoP (RFC 9449): proofs accepted and tokens bound to the client's key; see <see cref="Dpop.DpopOptions"/>.</summary>
    public Dpop.DpopOptions Dpop { get; set; } = new();

    /// <summary>A deep copy, so that a built server is not changed (or its validation bypassed) by later edits.</summary>
    internal OAuth2ServerOptions Snapshot() => new()
    {
        AccessTokenLifetime = AccessTokenLifetime,
        RefreshTokenLifetime = RefreshTokenLifetime,
        AuthorizationCodeLifetime = AuthorizationCodeLifetime,
        AllowEmptyState = AllowEmptyState,
        AllowExtendedTokenAttributes = AllowExtendedTokenAttributes,
        RequireClientAuthentication = new Dictionary<string, bool>(RequireClientAuthentication, StringComparer.Ordinal),
        AlwaysIssueNewRefreshToken = AlwaysIssueNewRefreshToken,
        GrantTypes = new HashSet<string>(GrantTypes, StringComparer.Ordinal),
        ExtendedGrantTypes = new Dictionary<string, IGrantType>(ExtendedGrantTypes, StringComparer.Ordinal),
        AddAcceptedScopesHeader = AddAcceptedScopesHeader,
        AddAuthorizedScopesHeader = AddAuthorizedScopesHeader,
        AllowBearerTokensInQueryString = AllowBearerTokensInQueryString,
        EnablePlainPkce = EnablePlainPkce,
        RequirePkce = RequirePkce,
        RefreshTokenReuseLeeway = RefreshTokenReuseLeeway,
        Realm = Realm,
        Issuer = Issuer,
        SecretHashIterations = SecretHashIterations,
        MaxParameterLength = MaxParameterLength,
        JwtAccessTokens = JwtAccessTokens,
        DeviceVerificationUri = DeviceVerificationUri,
        DeviceCodeLifetime = DeviceCodeLifetime,
        DevicePollingInterval = DevicePollingInterval,
        ClientAssertions = ClientAssertions.Snapshot(),
        Dpop = (Dpop ?? new Dpop.DpopOptions()).Snapshot(),
    };
}
