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
}
