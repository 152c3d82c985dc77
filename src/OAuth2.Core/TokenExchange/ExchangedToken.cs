namespace OAuth2.TokenExchange;

/// <summary>A subject or actor token of a token exchange, validated: what the exchange policy judges.</summary>
public sealed record ExchangedToken
{
    /// <summary>The token type identifier it was presented as (<see cref="TokenTypeIdentifiers"/>).</summary>
    public required string TokenType { get; init; }

    /// <summary>The party the token speaks for (its <c>sub</c>).</summary>
    public required OAuth2User User { get; init; }

    /// <summary>The client the token was issued to; <c>null</c> for a JWT from another issuer without <c>client_id</c>.</summary>
    public string? ClientId { get; init; }

    public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>The issuer of a JWT from a trusted issuer; <c>null</c> for a token this server issued.</summary>
    public string? Issuer { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The token's own <c>act</c> claim: it was itself issued by delegation.</summary>
    public TokenActor? Actor { get; init; }

    /// <summary>The audiences the token was issued for (<c>aud</c>): the policy checks a foreign JWT was meant for the exchanging client.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>The token family of a token this server issued; <c>null</c> otherwise.</summary>
    internal string? GrantId { get; init; }
}
