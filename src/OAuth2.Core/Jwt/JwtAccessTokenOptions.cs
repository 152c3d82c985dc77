namespace OAuth2.Jwt;

/// <summary>
/// Issue access tokens as signed JWTs (RFC 9068) instead of opaque values. A resource server then validates them
/// with the published key, without asking the store.
/// </summary>
/// <remarks>
/// Revocation: a JWT can be checked against its signature alone, but then a revoked token (at <c>/revoke</c>, or its
/// whole family when a refresh token is reused) stays valid until it expires. <see cref="CheckRevocation"/> (on by
/// default) makes <see cref="OAuth2Server.AuthenticateAsync(Http.OAuth2Request, IReadOnlyList{string}?, CancellationToken)"/>
/// also look the token up in the store, so revocation bites at once, at the cost of one store read per request (what an
/// opaque token costs, plus the signature check). Turn it off only where that read is too dear, and then keep
/// <see cref="OAuth2ServerOptions.AccessTokenLifetime"/> short (minutes); introspection reads the store either way.
/// </remarks>
public sealed class JwtAccessTokenOptions
{
    private JwtSigningKeySet? _single;

    /// <summary>
    /// One fixed key: the simplest key set (it signs and is the only key published). Set this or
    /// <see cref="SigningKeys"/>, not both.
    /// </summary>
    public JwtSigningKey? SigningKey { get; init; }

    /// <summary>The <c>iss</c> claim: the authorization server's issuer identifier.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> claim: the resource server the tokens are for. Tokens for another audience are refused.</summary>
    public required string Audience { get; init; }

    /// <summary>
    /// Also look every JWT up in the store when authenticating, so revocation takes effect at once. On by default:
    /// the server that authenticates always has its store at hand; a resource server elsewhere validates the JWTs
    /// with the published key and cannot see revocation at all.
    /// </summary>
    public bool CheckRevocation { get; init; } = true;

    /// <summary>
    /// Where the signing keys come from when there is more than one: a <see cref="JwtSigningKeySet"/> of fixed keys
    /// (active, next, retired), or a <see cref="Rotation.PersistedSigningKeyProvider"/> that rotates keys in a shared
    /// store. Set this or <see cref="SigningKey"/>, not both.
    /// </summary>
    public IJwtSigningKeyProvider? SigningKeys { get; init; }

    /// <summary>The provider in force: <see cref="SigningKeys"/>, or a one-key set of <see cref="SigningKey"/>.</summary>
    internal IJwtSigningKeyProvider KeyProvider
        => SigningKeys ?? (_single ??= new JwtSigningKeySet(SigningKey ?? throw new InvalidOperationException("No JWT signing key is configured.")));
}
