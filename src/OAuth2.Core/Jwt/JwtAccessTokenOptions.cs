namespace OAuth2.Jwt;

/// <summary>
/// Issue access tokens as signed JWTs (RFC 9068) instead of opaque values. A resource server then validates them
/// with the published key, without asking the store.
/// </summary>
/// <remarks>
/// The trade-off: a JWT stays valid until it expires even after it is revoked, because validating it needs no
/// store read. Keep <see cref="OAuth2ServerOptions.AccessTokenLifetime"/> short (minutes) when revocation must bite
/// quickly; introspection (which does read the store) reports a revoked JWT inactive at once; and
/// <see cref="CheckRevocation"/> makes the server's own authenticate read the store too, at the cost of that read.
/// </remarks>
public sealed class JwtAccessTokenOptions
{
    public required JwtSigningKey SigningKey { get; init; }

    /// <summary>The <c>iss</c> claim: the authorization server's issuer identifier.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> claim: the resource server the tokens are for. Tokens for another audience are refused.</summary>
    public required string Audience { get; init; }

    /// <summary>Also look every JWT up in the store when authenticating, so revocation takes effect at once.</summary>
    public bool CheckRevocation { get; init; }
}
