namespace OAuth2.Errors;

/// <summary>
/// Stable ids for the server's error causes, carried by <see cref="OAuth2Exception.ErrorId"/>. The RFC error code
/// says what the client did wrong in the protocol's words; the id says which rule refused it, so that logs and tests
/// can rely on it while the English descriptions stay free to improve. Never sent on the wire: the RFC response is
/// unchanged. An id, once published, keeps its meaning; a new cause gets a new id.
/// </summary>
public static class ErrorIds
{
    // OA1xxx: request shape and parameter rules.

    /// <summary>A required parameter is absent (or present with an empty value).</summary>
    public const string MissingParameter = "OA1001";

    /// <summary>A parameter is repeated or outside its RFC character set.</summary>
    public const string InvalidParameter = "OA1002";

    // OA2xxx: client authentication.

    /// <summary>The request carries no client identification at all.</summary>
    public const string ClientCredentialsMissing = "OA2001";

    /// <summary>The Basic credentials are malformed (bad base64, no colon, outside the character set, too long).</summary>
    public const string ClientCredentialsMalformed = "OA2002";

    /// <summary>The client is unknown or its secret is wrong: one id for both, as one answer for both.</summary>
    public const string ClientAuthenticationFailed = "OA2003";

    /// <summary>A public client presented a secret.</summary>
    public const string PublicClientWithSecret = "OA2004";

    /// <summary>A public client asked for a grant or endpoint reserved to confidential clients.</summary>
    public const string PublicClientNotAllowed = "OA2005";

    /// <summary>The client is not registered for the grant (or response type) it asked for.</summary>
    public const string GrantNotAllowedForClient = "OA2006";

    // OA3xxx: redirect URIs.

    /// <summary>The <c>redirect_uri</c> is not one the client registered.</summary>
    public const string RedirectUriMismatch = "OA3001";

    /// <summary>The token request's <c>redirect_uri</c> differs from (or omits) the authorization request's.</summary>
    public const string RedirectUriNotAsAuthorized = "OA3002";

    // OA4xxx: PKCE.

    /// <summary>PKCE is required and the authorization request has no <c>code_challenge</c>.</summary>
    public const string CodeChallengeMissing = "OA4001";

    /// <summary>The <c>code_verifier</c> does not match the authorization request's challenge.</summary>
    public const string CodeVerifierMismatch = "OA4002";

    /// <summary>The token request has no <c>code_verifier</c> although the code was issued with a challenge.</summary>
    public const string CodeVerifierMissing = "OA4003";

    /// <summary>The <c>plain</c> method was used where only <c>S256</c> is allowed.</summary>
    public const string PlainPkceNotAllowed = "OA4004";

    // OA5xxx: grants.

    /// <summary>The <c>grant_type</c> is not one this server supports.</summary>
    public const string UnsupportedGrantType = "OA5001";

    /// <summary>The authorization code is unknown, already used, another client's, or expired.</summary>
    public const string AuthorizationCodeInvalid = "OA5002";

    /// <summary>The refresh token is unknown, already used, another client's, or expired.</summary>
    public const string RefreshTokenInvalid = "OA5003";

    // OA6xxx: pushed authorization requests (RFC 9126) and security profiles.

    /// <summary>A pushed authorization request carries <c>request_uri</c> itself (RFC 9126 section 2.1).</summary>
    public const string PushedRequestUriNotAllowed = "OA6001";

    /// <summary>The <c>request_uri</c> is unknown, malformed or another client's (RFC 9126 section 4).</summary>
    public const string RequestUriInvalid = "OA6002";

    /// <summary>The <c>request_uri</c> has expired (RFC 9126 section 4).</summary>
    public const string RequestUriExpired = "OA6003";

    /// <summary>The <c>request_uri</c> was already used to complete an authorization (RFC 9126 section 4).</summary>
    public const string RequestUriUsed = "OA6004";

    /// <summary>The authorization request was not pushed, and the server, the client or the profile requires it (RFC 9126 section 5, 6).</summary>
    public const string PushedAuthorizationRequired = "OA6005";

    /// <summary>The security profile refuses this client or request (e.g. a public client under FAPI 2.0).</summary>
    public const string ProfileViolation = "OA6006";
}
