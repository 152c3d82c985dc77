using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// RFC 6749 section 6 with rotation and reuse detection (RFC 9700 section 4.14.2). Every check (client binding,
/// expiry, scope) runs before the token is rotated, so a refused request leaves the client's credentials as they
/// were. A rotated token presented again revokes its whole family, unless it is within the configured leeway.
/// </summary>
public sealed class RefreshTokenGrant : IGrantType, ISavedTokenConfirmation
{
    private const string InvalidToken = "Invalid grant: refresh token is invalid";

    public async ValueTask<Token> HandleAsync(GrantContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refreshToken = ParameterRules.RequireVsChar(context.GetParameter("refresh_token"), "refresh_token");
        var requested = ScopeParser.Parse(context.GetParameter("scope"));
        var issuer = context.Issuer;
        var model = (IRefreshTokenModel)issuer.Model;
        var data = await model.GetRefreshTokenAsync(refreshToken, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidGrantException(InvalidToken);
        if (!string.Equals(data.ClientId, context.Client.Id, StringComparison.Ordinal))
        {
            throw new InvalidGrantException("Invalid grant: refresh token was issued to another client");
        }

        var now = issuer.TimeProvider.GetUtcNow();
        if (data.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            throw new InvalidGrantException("Invalid grant: refresh token has expired");
        }

        context.RedeemedItemExpiresAt = data.ExpiresAt ?? DateTimeOffset.MaxValue;
        if (requested.Count > 0 && !ScopeParser.IsSubset(requested, data.Scope))
        {
            throw new InvalidScopeException("Invalid scope: Unable to add extra scopes");
        }

        if (data.RedeemedAt is { } redeemedAt)
        {
            await RejectReuseAsync(context, data.GrantId, redeemedAt, now, cancellationToken).ConfigureAwait(false);
        }

        var rotate = issuer.Options.AlwaysIssueNewRefreshToken;
        if (rotate)
        {
            var redemption = await model.RevokeRefreshTokenAsync(refreshToken, now, cancellationToken).ConfigureAwait(false);
            if (!redemption.Won)
            {
                if (redemption.Status == RedemptionStatus.AlreadyRedeemed)
                {
                    await RejectReuseAsync(context, redemption.GrantId ?? data.GrantId, redemption.RedeemedAt ?? now, now, cancellationToken).ConfigureAwait(false);
                }

                throw new InvalidGrantException(InvalidToken);
            }
        }

        var scope = requested.Count > 0 ? requested : data.Scope;
        return await issuer.IssueAsync(
            context.Client, data.User, scope, data.GrantId, includeRefreshToken: rotate, cancellationToken, refreshTokenScope: data.Scope).ConfigureAwait(false);
    }

    async ValueTask ISavedTokenConfirmation.ConfirmAsync(GrantContext context, Token saved, CancellationToken cancellationToken)
    {
        var old = await ((IRefreshTokenModel)context.Issuer.Model).GetRefreshTokenAsync(context.GetParameter("refresh_token")!, cancellationToken).ConfigureAwait(false);
        if (old is null && context.Issuer.TimeProvider.GetUtcNow() < context.RedeemedItemExpiresAt)
        {
            // Gone before its expiry: its family was revoked while this refresh ran.
            await ((ITokenModel)context.Issuer.Model).RevokeGrantAsync(saved.GrantId, cancellationToken).ConfigureAwait(false);
            throw new InvalidGrantException(InvalidToken);
        }
    }

    private static async ValueTask RejectReuseAsync(GrantContext context, string grantId, DateTimeOffset redeemedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Zero leeway revokes on any reuse, even one stamped at the same instant (or later, under clock skew).
        var leeway = context.Issuer.Options.RefreshTokenReuseLeeway;
        if (leeway == TimeSpan.Zero || now - redeemedAt > leeway)
        {
            await ((ITokenModel)context.Issuer.Model).RevokeGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidGrantException(InvalidToken);
    }
}
