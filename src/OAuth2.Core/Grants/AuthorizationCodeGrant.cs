using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Pkce;
using OAuth2.Resources;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// RFC 6749 section 4.1.3 with PKCE (RFC 7636): exchanges a code for tokens. Every check runs before the code is
/// redeemed; the redemption is the store's compare-and-swap, so of two concurrent exchanges exactly one wins; and a
/// replay that is otherwise valid revokes every token issued from the code (RFC 6749 section 4.1.2).
/// </summary>
internal sealed class AuthorizationCodeGrant(IAuthorizationCodeModel model, ITokenModel tokens, Diagnostics.OAuth2Telemetry telemetry) : ITokenGrant
{
    private const string InvalidCode = "Invalid grant: authorization code is invalid";

    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var code = ParameterRules.RequireVsChar(context.GetParameter("code"), "code");
        var issuer = context.Issuer;
        var data = await model.GetAuthorizationCodeAsync(code, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidGrantException(InvalidCode) { ErrorId = ErrorIds.AuthorizationCodeInvalid };
        if (!string.Equals(data.ClientId, context.Client.Id, StringComparison.Ordinal))
        {
            throw new InvalidGrantException(InvalidCode) { ErrorId = ErrorIds.AuthorizationCodeInvalid };
        }

        var now = issuer.TimeProvider.GetUtcNow();
        if (data.ExpiresAt <= now)
        {
            throw new InvalidGrantException("Invalid grant: authorization code has expired") { ErrorId = ErrorIds.AuthorizationCodeInvalid };
        }

        VerifyPkce(context, data);
        VerifyRedirectUri(context, data);
        VerifyDpopBinding(issuer, data);

        // RFC 8707 section 2.2: the token request may narrow the code's resources, never widen them.
        var resources = ResourceIndicators.Narrow(ResourceIndicators.Parse(context.Request.Form, issuer.Options), data.Resources);
        ResourceIndicators.RequireRegistered(resources, context.Client);

        // Past this point the request is valid in every respect but freshness: a redeemed code is a replay, and
        // RFC 6749 section 4.1.2 asks to revoke what it produced (OAuth 2.1 section 7.5.2: only for valid replays).
        if (data.RedeemedAt is not null)
        {
            await tokens.RevokeGrantAsync(data.GrantId, cancellationToken).ConfigureAwait(false);
            await telemetry.AuthorizationCodeReplayAsync(context.Client.Id, data.GrantId, data.User.Id, cancellationToken).ConfigureAwait(false);
            throw new InvalidGrantException(InvalidCode) { ErrorId = ErrorIds.AuthorizationCodeInvalid };
        }

        var redemption = await model.RevokeAuthorizationCodeAsync(code, now, cancellationToken).ConfigureAwait(false);
        if (!redemption.Won)
        {
            if (redemption.Status == RedemptionStatus.AlreadyRedeemed)
            {
                await tokens.RevokeGrantAsync(redemption.GrantId ?? data.GrantId, cancellationToken).ConfigureAwait(false);
                await telemetry.AuthorizationCodeReplayAsync(context.Client.Id, redemption.GrantId ?? data.GrantId, data.User.Id, cancellationToken).ConfigureAwait(false);
            }

            throw new InvalidGrantException(InvalidCode) { ErrorId = ErrorIds.AuthorizationCodeInvalid };
        }

        var token = await issuer.IssueAsync(
            context.Client, data.User, data.Scope, data.GrantId, issuer.MayIssueRefreshToken(context.Client), resources, data.Resources, refreshTokenScope: null, cancellationToken).ConfigureAwait(false);
        var saved = await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);

        // A concurrent replay may have revoked the family between the redemption and the save; revocation removes
        // the redeemed code, so its absence before its own expiry means the tokens just saved must go too.
        if (await model.GetAuthorizationCodeAsync(code, cancellationToken).ConfigureAwait(false) is null
            && issuer.TimeProvider.GetUtcNow() < data.ExpiresAt)
        {
            await tokens.RevokeGrantAsync(saved.GrantId, cancellationToken).ConfigureAwait(false);
            throw new InvalidGrantException(InvalidCode) { ErrorId = ErrorIds.AuthorizationCodeInvalid };
        }

        return saved;
    }

    private static void VerifyPkce(GrantContext context, AuthorizationCode data)
    {
        var verifier = context.GetParameter("code_verifier");
        if (data.CodeChallenge is null)
        {
            if (verifier is not null)
            {
                // The PKCE downgrade (RFC 9700 section 4.8.2): a verifier for a code issued without a challenge.
                throw new InvalidRequestException("Invalid request: `code_verifier` was sent but the authorization request had no `code_challenge`");
            }

            if (PkceRequired(context))
            {
                throw new InvalidGrantException("Invalid grant: authorization code was issued without PKCE, which this client requires");
            }

            return;
        }

        if (verifier is null)
        {
            throw new InvalidGrantException("Missing parameter: `code_verifier`") { ErrorId = ErrorIds.CodeVerifierMissing };
        }

        if (!PkceVerifier.IsWellFormed(verifier))
        {
            throw new InvalidRequestException("Invalid parameter: `code_verifier`");
        }

        var method = data.CodeChallengeMethod ?? PkceMethods.S256;
        if (method == PkceMethods.Plain && !context.Issuer.Options.EnablePlainPkce)
        {
            throw new InvalidRequestException("Invalid request: `code_challenge_method` \"plain\" is not allowed; use \"S256\"") { ErrorId = ErrorIds.PlainPkceNotAllowed };
        }

        if (method is not (PkceMethods.S256 or PkceMethods.Plain))
        {
            throw new ServerErrorException("Server error: no valid hash algorithm available to verify `code_verifier`");
        }

        if (!PkceVerifier.Verify(verifier, data.CodeChallenge, method))
        {
            throw new InvalidGrantException("Invalid grant: code verifier is invalid") { ErrorId = ErrorIds.CodeVerifierMismatch };
        }
    }

    /// <summary>
    /// RFC 9449 section 10: a code bound by <c>dpop_jkt</c> is exchanged only with a proof signed by that key (the
    /// token endpoint validated the proof and bound the issuer to its key). Checked before the redemption, so a thief
    /// without the key neither gets tokens nor uses the code up.
    /// </summary>
    private static void VerifyDpopBinding(TokenIssuer issuer, AuthorizationCode data)
    {
        if (data.DpopJkt is not { } bound)
        {
            return;
        }

        if (issuer.DpopJwkThumbprint is not { } proven)
        {
            throw new InvalidGrantException("Invalid grant: the authorization code is bound to a DPoP key and the request carries no DPoP proof") { ErrorId = ErrorIds.DpopJktProofMissing };
        }

        if (!string.Equals(bound, proven, StringComparison.Ordinal))
        {
            throw new InvalidGrantException("Invalid grant: the DPoP proof is not signed by the key the authorization code is bound to") { ErrorId = ErrorIds.DpopJktMismatch };
        }
    }

    private static bool PkceRequired(GrantContext context)
        => context.Client.Type == Clients.ClientType.Public || context.Client.RequirePkce || context.Issuer.Options.RequirePkce;

    private static void VerifyRedirectUri(GrantContext context, AuthorizationCode data)
    {
        var sent = context.GetParameter("redirect_uri");
        if (sent is not null && !RedirectUriMatcher.IsValidFormat(sent))
        {
            throw new InvalidRequestException("Invalid request: `redirect_uri` is not a valid URI");
        }

        if (data.RedirectUriSupplied && sent is null)
        {
            throw new InvalidGrantException("Invalid grant: `redirect_uri` is required because the authorization request carried one") { ErrorId = ErrorIds.RedirectUriNotAsAuthorized };
        }

        if (sent is not null && !string.Equals(sent, data.RedirectUri, StringComparison.Ordinal))
        {
            throw new InvalidGrantException("Invalid grant: `redirect_uri` does not match the authorization request") { ErrorId = ErrorIds.RedirectUriNotAsAuthorized };
        }
    }
}
