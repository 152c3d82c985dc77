namespace OAuth2.Clients;

/// <summary>
/// RFC 6749 section 2.1 client types. Registration states the type explicitly so the server never
/// has to guess it from what a request happens to carry (node-oauth2-server issue #81).
/// </summary>
public enum ClientType
{
    /// <summary>Holds a secret and authenticates with it at the token endpoint.</summary>
    Confidential = 0,

    /// <summary>Cannot keep a secret (native apps, SPAs): never authenticates with one and must use PKCE.</summary>
    Public = 1,
}
