using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Security;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// Mints tokens the way the server is configured: lifetimes (the client's own first), value generators and the
/// scope policy. Grants, built-in and extension alike, issue through it; it mints and never saves.
/// </summary>
public sealed class TokenIssuer
{
    private readonly IScopeValidator? _scopeValidator;
    private readonly ITokenValueGenerator? _generator;

    /// <summary>Built with the model's optional scope policy and value generators, or <c>null</c> for the built-in defaults.</summary>
    internal TokenIssuer(IScopeValidator? scopeValidator, ITokenValueGenerator? generator, OAuth2ServerOptions options, TimeProvider timeProvider)
    {
        Options = options;
        TimeProvider = timeProvider;
        _scopeValidator = scopeValidator;
        _generator = generator;
        var defaultAudience = options.JwtAccessTokens?.Audience ?? options.ResourceServerAudience;
        _defaultAudience = defaultAudience is null ? [] : [defaultAudience];
    }

    private readonly IReadOnlyList<string> _defaultAudience;

    /// <summary>A view of <paramref name="issuer"/> that binds what it mints to a DPoP key (RFC 9449).</summary>
    private TokenIssuer(TokenIssuer issuer, string jwkThumbprint)
        : this(issuer._scopeValidator, issuer._generator, issuer.Options, issuer.TimeProvider)
    {
        DpopJwkThumbprint = jwkThumbprint;
    }

    public OAuth2ServerOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>A new grant (token family) id.</summary>
    public static string NewGrantId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// Decides the scope to grant. With an <see cref="IScopeValidator"/> the model decides; otherwise the request
    /// must stay within the client's registered scopes (an empty request gets all of them).
    /// </summary>
    public async ValueTask<IReadOnlyList<string>> ValidateScopeAsync(OAuth2User user, OAuth2Client client, IReadOnlyList<string> requested, CancellationToken cancellationToken)
    {
        if (_scopeValidator is not null)
        {
            return await _scopeValidator.ValidateScopeAsync(user, client, requested, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidScopeException("Invalid scope: Requested scope is invalid");
        }

        if (client.Scopes is null)
        {
            return requested;
        }

        if (requested.Count == 0)
        {
            return client.Scopes;
        }

        return Scopes.ScopeParser.IsSubset(requested, client.Scopes)
            ? requested
            : throw new InvalidScopeException("Invalid scope: Requested scope is invalid");
    }

    /// <summary>Whether a grant should hand this client a refresh token: only if it may use the refresh grant.</summary>
    public bool MayIssueRefreshToken(OAuth2Client client)
        => Options.GrantTypes.Contains(GrantTypes.RefreshToken) && client.Grants.ContainsOrdinal(GrantTypes.RefreshToken);

    /// <summary>Mints an access token (and optionally a refresh token) for one grant family; the token endpoint saves it.</summary>
    public async ValueTask<Token> IssueAsync(
        OAuth2Client client,
        OAuth2User user,
        IReadOnlyList<string> scope,
        string grantId,
        bool includeRefreshToken,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? refreshTokenScope = null)
        => await IssueAsync(client, user, scope, grantId, includeRefreshToken, [], [], refreshTokenScope, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Mints tokens for the <paramref name="resources"/> a token request asked for (RFC 8707; the access token's
    /// audience, or the default audience when there are none), keeping <paramref name="grantedResources"/> on the
    /// refresh token so a later refresh may ask for any of them.
    /// </summary>
    internal async ValueTask<Token> IssueAsync(
        OAuth2Client client,
        OAuth2User user,
        IReadOnlyList<string> scope,
        string grantId,
        bool includeRefreshToken,
        IReadOnlyList<string> resources,
        IReadOnlyList<string> grantedResources,
        IReadOnlyList<string>? refreshTokenScope,
        CancellationToken cancellationToken,
        TokenExchange.TokenActor? actor = null)
    {
        var audience = resources.Count > 0 ? resources : _defaultAudience;
        var now = TimeProvider.GetUtcNow();
        var accessExpiresAt = now + (client.AccessTokenLifetime ?? Options.AccessTokenLifetime);
        var accessToken = (_generator is null ? null : await _generator.GenerateAccessTokenAsync(client, user, scope, cancellationToken).ConfigureAwait(false))
            ?? (Options.JwtAccessTokens is { } jwt
                ? Jwt.JwtAccessTokenCodec.Create(jwt, (await jwt.KeyProvider.GetSigningKeysAsync(cancellationToken).ConfigureAwait(false)).Active, client, user, scope, audience, grantId, now, accessExpiresAt, DpopJwkThumbprint, actor)
                : TokenGenerator.Generate());
        string? refreshToken = null;
        DateTimeOffset? refreshExpiresAt = null;
        if (includeRefreshToken)
        {
            refreshToken = (_generator is null ? null : await _generator.GenerateRefreshTokenAsync(client, user, scope, cancellationToken).ConfigureAwait(false))
                ?? TokenGenerator.Generate();
            refreshExpiresAt = now + (client.RefreshTokenLifetime ?? Options.RefreshTokenLifetime);
        }

        return new Token
        {
            AccessToken = accessToken,
            AccessTokenExpiresAt = accessExpiresAt,
            RefreshToken = refreshToken,
            RefreshTokenExpiresAt = refreshExpiresAt,
            Scope = scope,
            RefreshTokenScope = refreshTokenScope,
            Client = client,
            User = user,
            GrantId = grantId,
            IssuedAt = now,
            Audience = audience,
            Resources = grantedResources,
            JwkThumbprint = DpopJwkThumbprint,

            // RFC 9449 section 5: a public client's refresh token is bound to its key too, since nothing else
            // authenticates it; a confidential client's is not (it proves itself at every refresh).
            RefreshTokenJwkThumbprint = refreshToken is not null && client.Type == ClientType.Public ? DpopJwkThumbprint : null,
        };
    }

    /// <summary>A new authorization code value.</summary>
    internal async ValueTask<string> GenerateAuthorizationCodeAsync(OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, CancellationToken cancellationToken)
        => (_generator is null ? null : await _generator.GenerateAuthorizationCodeAsync(client, user, scope, cancellationToken).ConfigureAwait(false))
            ?? TokenGenerator.Generate();

    /// <summary>
    /// The RFC 7638 thumbprint of the DPoP key this request proved possession of (RFC 9449), which every token it
    /// mints is bound to; <c>null</c> when the request carried no proof, and the tokens are bearer tokens.
    /// </summary>
    public string? DpopJwkThumbprint { get; }

    /// <summary>This issuer, minting tokens bound to the DPoP key <paramref name="jwkThumbprint"/>.</summary>
    internal TokenIssuer BoundTo(string jwkThumbprint) => new(this, jwkThumbprint);
}
