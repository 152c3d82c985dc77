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

    // OA8xxx: resource indicators (RFC 8707).

    /// <summary>A <c>resource</c> is not an absolute URI, carries a fragment, or is too long.</summary>
    public const string ResourceMalformed = "OA8001";

    /// <summary>A <c>resource</c> is not one the client is registered for.</summary>
    public const string ResourceNotAllowed = "OA8002";

    /// <summary>The token request names a <c>resource</c> the code, device authorization or refresh token was not granted for.</summary>
    public const string ResourceNotGranted = "OA8003";

    /// <summary>More <c>resource</c> values than <c>OAuth2ServerOptions.MaxResources</c>.</summary>
    public const string TooManyResources = "OA8004";

    // OA58xx: token exchange (RFC 8693) and the JWT bearer grant (RFC 7523).

    /// <summary>A token type identifier the exchange does not accept (subject, actor or requested).</summary>
    public const string UnsupportedTokenType = "OA5801";

    /// <summary>The <c>subject_token</c> is unknown, expired, revoked or malformed.</summary>
    public const string SubjectTokenInvalid = "OA5802";

    /// <summary>The <c>actor_token</c> is unknown, expired, revoked or malformed (or sent without its type).</summary>
    public const string ActorTokenInvalid = "OA5803";

    /// <summary>The exchange policy refused the exchange (or none is configured).</summary>
    public const string TokenExchangeDenied = "OA5804";

    /// <summary>A requested <c>audience</c> or <c>resource</c> is not one the policy allows (<c>invalid_target</c>).</summary>
    public const string TokenExchangeTargetDenied = "OA5805";

    /// <summary>The requested scope is wider than the subject token's or the client's.</summary>
    public const string TokenExchangeScopeWidened = "OA5806";

    /// <summary>A refresh token was requested where the policy or the delegation does not allow one.</summary>
    public const string TokenExchangeRefreshNotAllowed = "OA5807";

    /// <summary>The delegation chain (<c>act</c> nesting) is longer than the server accepts.</summary>
    public const string DelegationChainTooLong = "OA5808";

    /// <summary>The JWT bearer assertion is malformed, badly signed, for another audience, expired or too long-lived.</summary>
    public const string AssertionInvalid = "OA5811";

    /// <summary>The JWT bearer assertion's issuer is not a trusted issuer.</summary>
    public const string AssertionIssuerUntrusted = "OA5812";

    /// <summary>The JWT bearer assertion's <c>jti</c> was already used.</summary>
    public const string AssertionReplayed = "OA5813";

    /// <summary>The model maps the assertion to no user.</summary>
    public const string AssertionSubjectUnknown = "OA5814";
}
