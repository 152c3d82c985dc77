namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>
/// How the API authenticates to the introspection endpoint (RFC 7662 section 2.1 requires it to). An enum rather than
/// a bool so <c>private_key_jwt</c> (RFC 7523) can join without changing the options' shape.
/// </summary>
public enum IntrospectionClientAuthentication
{
    /// <summary>HTTP Basic with the form-encoded client id and secret (RFC 6749 section 2.3.1).</summary>
    ClientSecretBasic = 0,
}
