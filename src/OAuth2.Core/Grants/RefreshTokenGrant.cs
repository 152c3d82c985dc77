using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Resources;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// RFC 6749 section 6 with rotation and reuse detection (RFC 9700 section 4.14.2). Every check (client binding,
/// expiry, scope) runs before the token is rotated, so a refused request leaves the client's credentials as they
/// were. A rotated token presented again revokes its whole family, unless it is within the configured leeway.
/// </summary>
internal sealed class RefreshTokenGrant(IRefreshTokenModel model, ITokenModel tokens, Diagnostics.OAuth2Telemetry telemetry) : ITokenGrant
{
    private const string InvalidToken = "Invalid grant: refresh token is invalid";

    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var refreshToken = ParameterRules.RequireVsChar(context.GetParameter("refresh_token"), "refresh_token");
        var requested = ScopeParser.Parse(context.GetParameter("scope"));
        var issuer = context.Issuer;
        var data = await model.GetRefreshTokenAsync(refreshToken, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidGrantException(InvalidToken) { ErrorId = ErrorIds.RefreshTokenInvalid };
        if (!string.Equals(data.ClientId, context.Client.Id, StringComparison.Ordinal))
        {
            throw new InvalidGrantException("Invalid grant: refresh token was issued to another client") { ErrorId = ErrorIds.RefreshTokenInvalid };
        }

        var now = issuer.TimeProvider.GetUtcNow();
        if (data.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            throw new InvalidGrantException("Invalid grant: refresh token has expired") { ErrorId = ErrorIds.RefreshTokenInvalid };
        }

        if (requested.Count > 0 && !ScopeParser.IsSubset(requested, data.Scope))
        {
            throw new InvalidScopeException("Invalid scope: Unable to add extra scopes");
        }

        // RFC 8707 section 2.2: a refresh may narrow the audience to some of the grant's resources; the refresh token
        // keeps them all. Checked before the rotation, so a refused request leaves the token usable.
        var resources = ResourceIndicators.Narrow(ResourceIndicators.Parse(context.Request.Form, issuer.Options), data.Resources);
        ResourceIndicators.RequireRegistered(resources, context.Client);

        if (data.RedeemedAt is { } redeemedAt)
        {
            await RejectReuseAsync(context, data.GrantId, data.User.Id, redeemedAt, now, cancellationToken).ConfigureAwait(false);
        }

        var rotate = issuer.Options.AlwaysIssueNewRefreshToken;
        if (rotate)
        {
            var redemption = await model.RevokeRefreshTokenAsync(refreshToken, now, cancellationToken).ConfigureAwait(false);
            if (!redemption.Won)
            {
                if (redemption.Status == RedemptionStatus.AlreadyRedeemed)
                {
                    await RejectReuseAsync(context, redemption.GrantId ?? data.GrantId, data.User.Id, redemption.RedeemedAt ?? now, now, cancellationToken).ConfigureAwait(false);
                }

                throw new InvalidGrantException(InvalidToken) { ErrorId = ErrorIds.RefreshTokenInvalid };
            }
        }

        var scope = requested.Count > 0 ? requested : data.Scope;
        var token = await issuer.IssueAsync(
            context.Client, data.User, scope, data.GrantId, includeRefreshToken: rotate, resources, data.Resources, refreshTokenScope: data.Scope, cancellationToken).ConfigureAwait(false);
        var saved = await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);

        // Gone before its own expiry: the family was revoked (a reuse elsewhere) while this refresh ran, so the
        // tokens just saved must go too.
        if (await model.GetRefreshTokenAsync(refreshToken, cancellationToken).ConfigureAwait(false) is null
            && issuer.TimeProvider.GetUtcNow() < (data.ExpiresAt ?? DateTimeOffset.MaxValue))
        {
            await tokens.RevokeGrantAsync(saved.GrantId, cancellationToken).ConfigureAwait(false);
            throw new InvalidGrantException(InvalidToken) { ErrorId = ErrorIds.RefreshTokenInvalid };
        }

        return saved;
    }

    private async ValueTask RejectReuseAsync(GrantContext context, string grantId, string subjectId, DateTimeOffset redeemedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Zero leeway revokes on any reuse, even one stamped at the same instant (or later, under clock skew).
        var leeway = context.Issuer.Options.RefreshTokenReuseLeeway;
        var revoke = leeway == TimeSpan.Zero || now - redeemedAt > leeway;
        if (revoke)
        {
            await tokens.RevokeGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
        }

        await telemetry.RefreshTokenReuseAsync(context.Client.Id, grantId, subjectId, revoke, cancellationToken).ConfigureAwait(false);

        throw new InvalidGrantException(InvalidToken) { ErrorId = ErrorIds.RefreshTokenInvalid };
    }
}
