namespace OAuth2.Handlers;

/// <summary>The RFC 7662 answer about one token: <see cref="Active"/> and, only when active, its metadata.</summary>
public sealed record IntrospectionResult
{
    public static IntrospectionResult Inactive { get; } = new();

    public bool Active { get; init; }

    public string? Scope { get; init; }

    public string? ClientId { get; init; }

    /// <summary>The resource owner's id.</summary>
    public string? Subject { get; init; }

    /// <summary>The resource owner's <c>username</c> property, when the user carries one.</summary>
    public string? Username { get; init; }

    public string? TokenType { get; init; }

    public long? ExpiresAt { get; init; }

    public long? IssuedAt { get; init; }

    /// <summary>The access token's audience (RFC 8707 resources or the default audience); answered as <c>aud</c>.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>The <c>cnf.jkt</c> of a DPoP-bound access token (RFC 9449 section 6.2); <c>null</c> for a bearer token.</summary>
    public string? JwkThumbprint { get; init; }

    /// <summary>The delegation chain of an exchanged token (the <c>act</c> claim, RFC 8693 section 4.1); <c>null</c> without one.</summary>
    public TokenExchange.TokenActor? Actor { get; init; }
}
