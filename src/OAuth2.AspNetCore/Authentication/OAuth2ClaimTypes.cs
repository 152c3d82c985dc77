namespace OAuth2.AspNetCore.Authentication;

/// <summary>
/// Claim types of the principal the bearer scheme produces: short OAuth/JWT names rather than the long WS-* URIs,
/// so they read the same in code as on the wire.
/// </summary>
public static class OAuth2ClaimTypes
{
    /// <summary>The user id (the client id for a <c>client_credentials</c> token).</summary>
    public const string Subject = "sub";

    public const string ClientId = "client_id";

    /// <summary>One claim per granted scope value.</summary>
    public const string Scope = "scope";

    /// <summary>The grant the token descends from (shared by its refresh family).</summary>
    public const string GrantId = "grant_id";
}
