namespace OAuth2.TokenExchange;

/// <summary>
/// The exchange policy's answer. The default is a denial, so a policy that forgets a case refuses it.
/// </summary>
public sealed record TokenExchangeDecision
{
    /// <summary>Refuse the exchange (<c>invalid_request</c>, RFC 8693 section 2.2.2).</summary>
    public static TokenExchangeDecision Deny { get; } = new();

    /// <summary>Whether the exchange may go ahead.</summary>
    public bool Allowed { get; init; }

    /// <summary>The scope to issue, intersected with the request's; <c>null</c> keeps the request's scope.</summary>
    public IReadOnlyList<string>? Scope { get; init; }

    /// <summary>
    /// The audiences the client may obtain a token for. Every requested target must be among them
    /// (otherwise <c>invalid_target</c>); when none was requested, the token is issued for these.
    /// </summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Whether a refresh token may be issued (only without an actor: a refreshed token would lose its <c>act</c>).</summary>
    public bool AllowRefreshToken { get; init; }

    /// <summary>An allowing decision for <paramref name="audiences"/>.</summary>
    public static TokenExchangeDecision Allow(IReadOnlyList<string> audiences, IReadOnlyList<string>? scope = null)
        => new() { Allowed = true, Audiences = audiences, Scope = scope };
}
