namespace OAuth2;

/// <summary>The grant type names RFC 6749 defines.</summary>
public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string ClientCredentials = "client_credentials";
    public const string RefreshToken = "refresh_token";
    public const string Password = "password";
}
