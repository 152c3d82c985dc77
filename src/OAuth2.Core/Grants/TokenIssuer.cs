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
    {
        var now = TimeProvider.GetUtcNow();
        var accessExpiresAt = now + (client.AccessTokenLifetime ?? Options.AccessTokenLifetime);
        var accessToken = (_generator is null ? null : await _generator.GenerateAccessTokenAsync(client, user, scope, cancellationToken).ConfigureAwait(false))
            ?? (Options.JwtAccessTokens is { } jwt
                ? Jwt.JwtAccessTokenCodec.Create(jwt, (await jwt.KeyProvider.GetSigningKeysAsync(cancellationToken).ConfigureAwait(false)).Active, client, user, scope, grantId, now, accessExpiresAt)
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
        };
    }

    /// <summary>A new authorization code value.</summary>
    internal async ValueTask<string> GenerateAuthorizationCodeAsync(OAuth2Client client, OAuth2User user, IReadOnlyList<string> scope, CancellationToken cancellationToken)
        => (_generator is null ? null : await _generator.GenerateAuthorizationCodeAsync(client, user, scope, cancellationToken).ConfigureAwait(false))
            ?? TokenGenerator.Generate();
}
