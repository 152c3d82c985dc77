namespace OAuth2.Tokens;

/// <summary>An authorization code's data, as saved by the authorize endpoint and looked up by the token endpoint.</summary>
public sealed record AuthorizationCode
{
    public required string ClientId { get; init; }
    public required OAuth2User User { get; init; }
    public IReadOnlyList<string> Scope { get; init; } = [];
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The redirect URI the code was delivered to.</summary>
    public string? RedirectUri { get; init; }

    /// <summary>
    /// Whether the authorization request carried <c>redirect_uri</c>; only then must the token request repeat it
    /// (RFC 6749 section 4.1.3).
    /// </summary>
    public bool RedirectUriSupplied { get; init; }
    public string? CodeChallenge { get; init; }
    public string? CodeChallengeMethod { get; init; }
    public required string GrantId { get; init; }

    /// <summary>When the code was exchanged; <c>null</c> until then. A redeemed code is kept to recognise replays.</summary>
    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>The resources (RFC 8707) the authorization request named: the most the token request may ask for.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// The RFC 7638 thumbprint of the DPoP key the code is bound to (RFC 9449 section 10 <c>dpop_jkt</c>): only a token
    /// request with a proof signed by that key may exchange it. <c>null</c> for an unbound code.
    /// </summary>
    public string? DpopJkt { get; init; }
}
