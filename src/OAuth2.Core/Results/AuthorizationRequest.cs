using OAuth2.Clients;

namespace OAuth2.Handlers;

/// <summary>
/// A validated authorization request: what a consent page shows (client, scope) and what the code will be bound to.
/// Produced by <see cref="OAuth2Server.ValidateAuthorizeRequestAsync"/>.
/// </summary>
public sealed record AuthorizationRequest
{
    public required OAuth2Client Client { get; init; }

    /// <summary>The redirect URI the response goes to (the one sent, or the client's only registered one).</summary>
    public required string RedirectUri { get; init; }

    /// <summary>Whether the request carried <c>redirect_uri</c>; the token request must then repeat it.</summary>
    public required bool RedirectUriSupplied { get; init; }

    /// <summary>The scope requested (not yet validated against the user and policy).</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];

    public string? State { get; init; }

    public string? CodeChallenge { get; init; }

    public string? CodeChallengeMethod { get; init; }

    /// <summary>The resources (RFC 8707) the request names, each one the client is registered for; a consent page may show them.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// The DPoP key thumbprint the code will be bound to (RFC 9449 section 10 <c>dpop_jkt</c>, or the key of the proof
    /// sent to the pushed authorization request endpoint, section 10.1); <c>null</c> when unbound.
    /// </summary>
    public string? DpopJkt { get; init; }
}
