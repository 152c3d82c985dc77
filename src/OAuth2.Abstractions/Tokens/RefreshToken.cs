namespace OAuth2.Tokens;

/// <summary>A refresh token as a lookup returns it.</summary>
/// <remarks>
/// A rotated refresh token is kept, marked with <see cref="RedeemedAt"/>, until it expires, so that presenting it
/// again is recognised as reuse (RFC 9700 section 4.14) instead of looking like an unknown value.
/// </remarks>
public sealed record RefreshToken
{
    public required string ClientId { get; init; }
    public required OAuth2User User { get; init; }
    public IReadOnlyList<string> Scope { get; init; } = [];
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>null</c> for a refresh token that does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    public required string GrantId { get; init; }

    /// <summary>When the token was rotated (redeemed); <c>null</c> while it is still usable.</summary>
    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>The resources (RFC 8707) of the whole grant: a refresh may narrow its access token to some of them.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];
}
