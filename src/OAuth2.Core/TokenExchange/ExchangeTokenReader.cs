using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;

namespace OAuth2.TokenExchange;

/// <summary>
/// Validates a subject or actor token of a token exchange (RFC 8693 section 2.1): this server's access tokens
/// (opaque or JWT) and refresh tokens through the store, so a revoked or expired one is refused; JWTs of trusted
/// issuers by their signature. Every failure is <c>invalid_request</c> (section 2.2.2) with the role's error id.
/// </summary>
internal sealed class ExchangeTokenReader(IAccessTokenModel accessTokens, IRefreshTokenModel? refreshTokens, ITrustedJwtReader? trustedJwts, TimeProvider timeProvider)
{
    public async ValueTask<ExchangedToken> ReadAsync(string token, string tokenType, string role, string errorId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        switch (tokenType)
        {
            case TokenTypeIdentifiers.AccessToken:
            case TokenTypeIdentifiers.Jwt:
                var access = await accessTokens.GetAccessTokenAsync(token, cancellationToken).ConfigureAwait(false);
                if (access is not null)
                {
                    if (access.ExpiresAt <= now)
                    {
                        throw Invalid(role, "has expired", errorId);
                    }

                    return new ExchangedToken
                    {
                        TokenType = tokenType,
                        User = access.User,
                        ClientId = access.ClientId,
                        Scope = access.Scope,
                        ExpiresAt = access.ExpiresAt,
                        Actor = ActorClaim.FromAttributes(access.ExtendedAttributes),
                        Audience = access.Audience,
                        GrantId = access.GrantId,
                    };
                }

                if (tokenType == TokenTypeIdentifiers.Jwt && trustedJwts is not null)
                {
                    return trustedJwts.Read(token) ?? throw Invalid(role, "is not valid", errorId);
                }

                throw Invalid(role, "is not valid", errorId);

            case TokenTypeIdentifiers.RefreshToken when refreshTokens is not null:
                var refresh = await refreshTokens.GetRefreshTokenAsync(token, cancellationToken).ConfigureAwait(false)
                    ?? throw Invalid(role, "is not valid", errorId);
                if (refresh.RedeemedAt is not null || refresh.ExpiresAt <= now)
                {
                    throw Invalid(role, "has expired or was used", errorId);
                }

                return new ExchangedToken
                {
                    TokenType = tokenType,
                    User = refresh.User,
                    ClientId = refresh.ClientId,
                    Scope = refresh.Scope,
                    ExpiresAt = refresh.ExpiresAt,
                    GrantId = refresh.GrantId,
                };

            default:
                throw new InvalidRequestException($"Invalid request: unsupported `{role}_type`") { ErrorId = ErrorIds.UnsupportedTokenType };
        }
    }

    /// <summary>Whether a token of this server is still in the store (not revoked), for the check after saving.</summary>
    public async ValueTask<bool> StillValidAsync(string token, string tokenType, CancellationToken cancellationToken)
        => tokenType == TokenTypeIdentifiers.RefreshToken
            ? refreshTokens is not null && await refreshTokens.GetRefreshTokenAsync(token, cancellationToken).ConfigureAwait(false) is not null
            : await accessTokens.GetAccessTokenAsync(token, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Whether <paramref name="tokenType"/> names a type this reader can validate (a cheap check before any lookup).</summary>
    public bool Supports(string tokenType)
        => tokenType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.Jwt
            || (tokenType == TokenTypeIdentifiers.RefreshToken && refreshTokens is not null);

    private static InvalidRequestException Invalid(string role, string why, string errorId)
        => new($"Invalid request: `{role}` {why}") { ErrorId = errorId };
}

/// <summary>Reads a JWT signed by a trusted issuer into an exchanged token; <c>null</c> when it is not valid.</summary>
internal interface ITrustedJwtReader
{
    ExchangedToken? Read(string jwt);
}
