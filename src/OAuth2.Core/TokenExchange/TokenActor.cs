namespace OAuth2.TokenExchange;

/// <summary>
/// One link of an <c>act</c> claim (RFC 8693 section 4.1): the party acting for the subject. <see cref="Actor"/> is
/// the prior actor in a delegation chain; the outermost link is the current actor.
/// </summary>
public sealed record TokenActor(string Subject)
{
    /// <summary>The issuer that vouched for the actor; <c>null</c> for this server.</summary>
    public string? Issuer { get; init; }

    /// <summary>The client the actor's token was issued to, when known.</summary>
    public string? ClientId { get; init; }

    /// <summary>The prior actor, or <c>null</c> at the end of the chain.</summary>
    public TokenActor? Actor { get; init; }
}
