namespace OAuth2.TokenExchange;

/// <summary>The token type identifiers of RFC 8693 section 3, as <c>subject_token_type</c>, <c>actor_token_type</c> and <c>requested_token_type</c> carry them.</summary>
public static class TokenTypeIdentifiers
{
    /// <summary>An OAuth 2.0 access token issued by this server (opaque or JWT).</summary>
    public const string AccessToken = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>An OAuth 2.0 refresh token issued by this server.</summary>
    public const string RefreshToken = "urn:ietf:params:oauth:token-type:refresh_token";

    /// <summary>A JWT: this server's own JWT access token, or one signed by a trusted issuer.</summary>
    public const string Jwt = "urn:ietf:params:oauth:token-type:jwt";

    /// <summary>An OpenID Connect ID token; not accepted by this server.</summary>
    public const string IdToken = "urn:ietf:params:oauth:token-type:id_token";
}
