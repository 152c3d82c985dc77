using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Handlers;

/// <summary>
/// Finds a token of either kind for revocation and introspection. The hint only decides which kind is tried first
/// (RFC 7009 section 2.1: it is honoured, not trusted).
/// </summary>
internal sealed class TokenLookup(IAccessTokenModel? accessTokens, IRefreshTokenModel? refreshTokens)
{
    public async ValueTask<(AccessToken? Access, RefreshToken? Refresh)> FindAsync(string token, string? hint, CancellationToken cancellationToken)
    {
        if (hint == TokenTypeHints.RefreshToken)
        {
            var refresh = await FindRefreshAsync(token, cancellationToken).ConfigureAwait(false);
            return refresh is not null ? (null, refresh) : (await FindAccessAsync(token, cancellationToken).ConfigureAwait(false), null);
        }

        var access = await FindAccessAsync(token, cancellationToken).ConfigureAwait(false);
        return access is not null ? (access, null) : (null, await FindRefreshAsync(token, cancellationToken).ConfigureAwait(false));
    }

    private ValueTask<AccessToken?> FindAccessAsync(string token, CancellationToken cancellationToken)
        => accessTokens?.GetAccessTokenAsync(token, cancellationToken) ?? ValueTask.FromResult<AccessToken?>(null);

    private ValueTask<RefreshToken?> FindRefreshAsync(string token, CancellationToken cancellationToken)
        => refreshTokens?.GetRefreshTokenAsync(token, cancellationToken) ?? ValueTask.FromResult<RefreshToken?>(null);
}
