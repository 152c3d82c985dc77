namespace OAuth2.Storage.Mongo.Documents;

/// <summary>
/// The BSON element names of every stored document, in one place: the class maps and the hand-written filters,
/// updates and indexes use them, so the stored shape does not follow a C# rename.
/// </summary>
internal static class ElementNames
{
    public const string Id = "_id";
    public const string ClientId = "clientId";
    public const string User = "user";
    public const string UserId = "id";
    public const string Properties = "properties";
    public const string Scope = "scope";
    public const string IssuedAt = "issuedAt";
    public const string ExpiresAt = "expiresAt";
    public const string GrantId = "grantId";
    public const string RedeemedAt = "redeemedAt";
    public const string ExtendedAttributes = "extendedAttributes";
    public const string RedirectUri = "redirectUri";
    public const string RedirectUriSupplied = "redirectUriSupplied";
    public const string CodeChallenge = "codeChallenge";
    public const string CodeChallengeMethod = "codeChallengeMethod";

    // clients
    public const string Type = "type";
    public const string SecretHash = "secretHash";
    public const string RedirectUris = "redirectUris";
    public const string Grants = "grants";
    public const string Scopes = "scopes";
    public const string AccessTokenLifetimeTicks = "accessTokenLifetimeTicks";
    public const string RefreshTokenLifetimeTicks = "refreshTokenLifetimeTicks";
    public const string RequirePkce = "requirePkce";
    public const string TokenEndpointAuthMethod = "tokenEndpointAuthMethod";
    public const string Jwks = "jwks";
    public const string RequirePushedAuthorizationRequests = "requirePar";
    public const string RegistrationAccessTokenHash = "registrationTokenHash";

    // device authorizations
    public const string UserCode = "userCode";
    public const string RetainUntil = "retainUntil";
    public const string PollingIntervalSeconds = "pollingIntervalSeconds";
    public const string Status = "status";
    public const string LastPolledAt = "lastPolledAt";
    public const string Revision = "revision";

    // failed attempts (the throttle key is the _id)
    public const string AttemptCount = "count";
    public const string WindowEndsAt = "windowEndsAt";
    public const string ExpireAt = "expireAt";

    // resource indicators (RFC 8707)
    public const string Resources = "resources";
    public const string Audience = "audience";

    // DPoP (RFC 9449)
    public const string JwkThumbprint = "jkt";
    public const string DpopBoundAccessTokens = "dpopBoundAccessTokens";

    // client secret lifetime (RFC 7591 client_secret_expires_at)
    public const string ClientSecretExpiresAt = "secretExpiresAt";

    // DPoP authorization code binding (RFC 9449 section 10)
    public const string DpopJkt = "dpopJkt";
}
