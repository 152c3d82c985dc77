namespace OAuth2;

/// <summary>The grant type names RFC 6749 defines, and RFC 8628's device grant.</summary>
public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string ClientCredentials = "client_credentials";
    public const string RefreshToken = "refresh_token";
    public const string Password = "password";

    /// <summary>The device authorization grant (RFC 8628 section 3.4); not enabled by default.</summary>
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>Token exchange (RFC 8693 section 2.1); not enabled by default, and only with an exchange policy in the model.</summary>
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    /// <summary>The JWT bearer authorization grant (RFC 7523 section 2.1); not enabled by default.</summary>
    public const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
}
