namespace OAuth2.Storage.Mongo.Documents;

/// <summary>The stored form of an <see cref="Clients.OAuth2Client"/>, keyed by the client id (exact, case-sensitive).</summary>
internal sealed class ClientDocument
{
    public string Id { get; set; } = "";

    /// <summary><c>"confidential"</c> or <c>"public"</c>: spelled out so renaming the enum member changes nothing stored.</summary>
    public string Type { get; set; } = "";

    public string? SecretHash { get; set; }

    public string[] RedirectUris { get; set; } = [];

    public string[] Grants { get; set; } = [];

    public string[]? Scopes { get; set; }

    /// <summary>A <see cref="TimeSpan"/> as 100 ns ticks, so any lifetime round-trips exactly.</summary>
    public long? AccessTokenLifetimeTicks { get; set; }

    public long? RefreshTokenLifetimeTicks { get; set; }

    public bool RequirePkce { get; set; }

    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Absent in documents written before private_key_jwt: read as <c>null</c>.</summary>
    public string? TokenEndpointAuthMethod { get; set; }

    /// <summary>The JWK set document as JSON text, exactly as registered (absent in older documents).</summary>
    public string? Jwks { get; set; }

    /// <summary>RFC 8707 resources; absent (null) in documents written before they existed, read as none.</summary>
    public string[]? Resources { get; set; }

    /// <summary>RFC 9449 <c>dpop_bound_access_tokens</c>; absent (false) in documents written before DPoP.</summary>
    public bool DpopBoundAccessTokens { get; set; }

    public bool RequirePushedAuthorizationRequests { get; set; }

    /// <summary>Missing in documents written before dynamic registration existed: reads as <c>null</c>.</summary>
    public string? RegistrationAccessTokenHash { get; set; }

    /// <summary>When the secret expires (UTC); missing in documents written before secrets could expire, and for one that never does.</summary>
    public DateTime? ClientSecretExpiresAt { get; set; }
}
