namespace OAuth2.Clients;

/// <summary>
/// Values of <see cref="OAuth2Client.TokenEndpointAuthMethod"/> (the RFC 7591 <c>token_endpoint_auth_method</c> names)
/// that change how a client must authenticate.
/// </summary>
public static class TokenEndpointAuthMethods
{
    /// <summary>
    /// A JWT signed with one of the client's registered keys (<see cref="OAuth2Client.Jwks"/>), RFC 7523 section 2.2
    /// and OpenID Connect Core section 9. A client registered so can never authenticate with a secret.
    /// </summary>
    public const string PrivateKeyJwt = "private_key_jwt";
}
