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

    // OA8xxx: resource indicators (RFC 8707).

    /// <summary>A <c>resource</c> is not an absolute URI, carries a fragment, or is too long.</summary>
    public const string ResourceMalformed = "OA8001";

    /// <summary>A <c>resource</c> is not one the client is registered for.</summary>
    public const string ResourceNotAllowed = "OA8002";

    /// <summary>The token request names a <c>resource</c> the code, device authorization or refresh token was not granted for.</summary>
    public const string ResourceNotGranted = "OA8003";

    /// <summary>More <c>resource</c> values than <c>OAuth2ServerOptions.MaxResources</c>.</summary>
    public const string TooManyResources = "OA8004";

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


    // OA91xx: dynamic client registration (RFC 7591) and management (RFC 7592).

    /// <summary>The registration request has no initial access token, or not one the server was configured with.</summary>
    public const string InitialAccessTokenInvalid = "OA9101";

    /// <summary>The management request has no registration access token, or not the client's.</summary>
    public const string RegistrationAccessTokenInvalid = "OA9102";

    /// <summary>A redirect URI is not absolute, has a fragment, or uses a scheme or host RFC 8252 and the policy do not allow.</summary>
    public const string RedirectUriNotAllowed = "OA9103";

    /// <summary>The body is not a JSON object, a member has the wrong type, is repeated, or a list or value is too long.</summary>
    public const string ClientMetadataMalformed = "OA9104";

    /// <summary><c>grant_types</c> and <c>response_types</c> contradict each other (RFC 7591 section 2.1), or a response type is unsupported.</summary>
    public const string GrantAndResponseTypesInconsistent = "OA9105";

    /// <summary>A grant type is not enabled on the server or not allowed by the registration policy.</summary>
    public const string GrantTypeNotAllowed = "OA9106";

    /// <summary>A requested scope is outside what the registration policy allows.</summary>
    public const string RegistrationScopeNotAllowed = "OA9107";

    /// <summary>The <c>token_endpoint_auth_method</c> is unsupported, or its key material is missing.</summary>
    public const string AuthenticationMethodNotSupported = "OA9108";

    /// <summary>The request carries a <c>software_statement</c>, which this server does not accept.</summary>
    public const string SoftwareStatementNotSupported = "OA9109";

    /// <summary>The update names a different <c>client_id</c>, or a <c>client_secret</c> that is not the client's.</summary>
    public const string ClientIdentityMismatch = "OA9110";

    /// <summary>The registration policy refused the client.</summary>
    public const string RegistrationRefusedByPolicy = "OA9111";

    // OA601x: the FAPI 2.0 Security Profile (OAuth2ServerOptions.Profile).

    /// <summary>
    /// The security profile refuses client authentication by a secret (Basic or form post): FAPI 2.0 section 5.3.2.1
    /// allows <c>private_key_jwt</c> or mTLS only, and this library has no mTLS.
    /// </summary>
    public const string ProfileClientSecretNotAllowed = "OA6010";

    // Client secret lifetime (RFC 7591 client_secret_expires_at), in the OA25xx client authentication range.

    /// <summary>
    /// The client presented its secret, but the secret has expired (<c>OAuth2Client.ClientSecretExpiresAt</c>). The
    /// response is the same <c>invalid_client</c> as for a wrong secret; only logs and audit events tell them apart.
    /// </summary>
    public const string ClientSecretExpired = "OA2509";

    // OA7011-OA7019: DPoP authorization code binding (RFC 9449 section 10).

    /// <summary><c>dpop_jkt</c> is not a base64url SHA-256 JWK thumbprint (43 characters, canonical encoding).</summary>
    public const string DpopJktMalformed = "OA7011";

    /// <summary>The code is bound to a DPoP key (<c>dpop_jkt</c>) and the token request carries no proof (RFC 9449 section 10).</summary>
    public const string DpopJktProofMissing = "OA7012";

    /// <summary>The code is bound to a DPoP key (<c>dpop_jkt</c>) and the token request's proof is signed by another key (RFC 9449 section 10).</summary>
    public const string DpopJktMismatch = "OA7013";

    /// <summary>A pushed request carries both <c>dpop_jkt</c> and a <c>DPoP</c> proof of another key (RFC 9449 section 10.1).</summary>
    public const string DpopJktProofConflict = "OA7014";
}
