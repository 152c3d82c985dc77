using OAuth2.Clients;

namespace OAuth2.Tokens;

/// <summary>
/// A token pair as the token endpoint issues it: what <c>SaveTokenAsync</c> receives (with the plaintext values,
/// which a store-backed model reduces to digests) and what the grant hands back to the endpoint.
/// </summary>
public sealed record Token
{
    public required string AccessToken { get; init; }
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }
    public string? RefreshToken { get; init; }
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>The scope granted (which may be narrower than the one requested).</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];
    /// <summary>
    /// The refresh token's scope when it differs from the access token's: a refresh that narrows the access token
    /// keeps the whole grant on the new refresh token (RFC 6749 section 6). <c>null</c> means <see cref="Scope"/>.
    /// </summary>
    public IReadOnlyList<string>? RefreshTokenScope { get; init; }
    public required OAuth2Client Client { get; init; }
    public required OAuth2User User { get; init; }

    /// <summary>Shared by every code and token that descends from one authorization, so the family can be revoked at once.</summary>
    public required string GrantId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Extra members for the token response; sent only with the server's <c>AllowExtendedTokenAttributes</c> option.</summary>
    public IReadOnlyDictionary<string, string> ExtendedAttributes { get; init; } = Clients.EmptyProperties.Instance;

    /// <summary>The access token's audience (RFC 8707 resources, or the default audience); empty when it names none.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>
    /// The resources of the whole grant, kept on the refresh token so a later refresh may ask for any of them even
    /// when this access token was narrowed to fewer (RFC 8707 section 2.2).
    /// </summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// The RFC 7638 thumbprint of the DPoP key the access token is bound to (RFC 9449); <c>null</c> for a bearer
    /// token. The token response then says <c>token_type: DPoP</c>.
    /// </summary>
    public string? JwkThumbprint { get; init; }

    /// <summary>The DPoP key thumbprint the refresh token is bound to (public clients only, RFC 9449 section 5); <c>null</c> when unbound.</summary>
    public string? RefreshTokenJwkThumbprint { get; init; }

    /// <summary>
    /// The token exchange's <c>issued_token_type</c> (RFC 8693 section 2.2.1); <c>null</c> for every other grant. A
    /// refresh token type answers with the refresh token in <c>access_token</c> and <c>token_type</c> <c>N_A</c>.
    /// </summary>
    public string? IssuedTokenType { get; init; }
}
