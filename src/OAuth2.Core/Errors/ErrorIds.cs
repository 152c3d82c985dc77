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

    // OA25xx: private_key_jwt client assertions (RFC 7523 section 2.2, RFC 7521 section 4.2).

    /// <summary>The <c>client_assertion</c> is not a compact JWS within the length cap, its type is not jwt-bearer, or it names no client.</summary>
    public const string ClientAssertionMalformed = "OA2501";

    /// <summary>No registered key fits the assertion's <c>kid</c> and <c>alg</c>, the algorithm is not allowed, or the signature does not verify.</summary>
    public const string ClientAssertionSignatureInvalid = "OA2502";

    /// <summary><c>iss</c>, <c>sub</c>, <c>aud</c> or <c>jti</c> is missing or wrong.</summary>
    public const string ClientAssertionClaimsInvalid = "OA2503";

    /// <summary>The assertion has expired, is not yet valid, or lives longer than the server allows.</summary>
    public const string ClientAssertionExpired = "OA2504";

    /// <summary>The assertion's <c>jti</c> was already used (RFC 7523 section 3, item 7).</summary>
    public const string ClientAssertionReplayed = "OA2505";

    /// <summary>The client authenticated by a method it is not registered for (a secret for a private_key_jwt client, or the reverse).</summary>
    public const string ClientAuthenticationMethodNotAllowed = "OA2506";

    /// <summary>The request uses more than one authentication method (RFC 6749 section 2.3).</summary>
    public const string MultipleAuthenticationMethods = "OA2507";

    /// <summary>The client's registered JWK set cannot be used (malformed, private keys, unsupported only); a registration error.</summary>
    public const string ClientKeysInvalid = "OA2508";

    // OA7xxx: DPoP (RFC 9449).

    /// <summary>The <c>DPoP</c> proof is missing, repeated, too long, or not a compact JWS with a JSON header and payload.</summary>
    public const string DpopProofMalformed = "OA7001";

    /// <summary>The proof's <c>typ</c> is not <c>dpop+jwt</c>, its <c>alg</c> is not allowed, or its <c>jwk</c> is missing, private or unusable.</summary>
    public const string DpopProofHeaderInvalid = "OA7002";

    /// <summary>The proof's signature does not verify with its own <c>jwk</c>.</summary>
    public const string DpopProofSignatureInvalid = "OA7003";

    /// <summary>The proof's <c>htm</c> or <c>htu</c> names another request (method or URL).</summary>
    public const string DpopProofRequestMismatch = "OA7004";

    /// <summary>The proof's <c>iat</c> is missing or outside the accepted window.</summary>
    public const string DpopProofStale = "OA7005";

    /// <summary>The proof's <c>jti</c> was seen before within the window: a replay.</summary>
    public const string DpopProofReplayed = "OA7006";

    /// <summary>The proof's <c>ath</c> does not hash the access token it accompanies, or its key is not the token's (<c>cnf.jkt</c>).</summary>
    public const string DpopProofTokenMismatch = "OA7007";

    /// <summary>A nonce is required and the proof has none, or a stale or forged one.</summary>
    public const string DpopNonceRequired = "OA7008";

    /// <summary>The client is registered with <c>dpop_bound_access_tokens</c> (or the refresh token is bound) and sent no proof.</summary>
    public const string DpopProofRequired = "OA7009";

    /// <summary>A DPoP-bound access token was presented with the <c>Bearer</c> scheme (RFC 9449 section 7.2).</summary>
    public const string DpopBoundTokenAsBearer = "OA7010";
}
