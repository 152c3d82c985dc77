using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Jwt;
using OAuth2.Model;
using OAuth2.Resources;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// The JWT bearer authorization grant (RFC 7523 sections 2.1 and 3): a JWT signed by a trusted issuer is exchanged
/// for an access token for its subject. Every assertion check runs before its <c>jti</c> is used up, and the
/// <c>jti</c> is used up (atomically, in the store) before the model is asked or anything is issued, so an assertion
/// yields at most one token. Every failure is <c>invalid_grant</c> (section 3.1). No refresh token: the client holds
/// the means to mint a new assertion.
/// </summary>
internal sealed class JwtBearerGrant(IJwtBearerModel model, IAssertionReplayModel replay, TrustedIssuers issuers, ITokenModel tokens) : ITokenGrant
{
    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var issuer = context.Issuer;
        var options = issuer.Options;
        var assertion = context.GetParameter("assertion") ?? throw new InvalidRequestException("Missing parameter: `assertion`") { ErrorId = ErrorIds.MissingParameter };
        var requested = ScopeParser.Parse(context.GetParameter("scope"));
        var resources = ResourceIndicators.Parse(context.Request.Form, options);
        ResourceIndicators.RequireRegistered(resources, context.Client);

        var audiences = options.Issuer is null ? options.JwtBearerAudiences : [options.Issuer, .. options.JwtBearerAudiences];
        var failure = issuers.Validate(assertion, issuer.TimeProvider, options.JwtBearerMaxLifetime, audiences.ToArray(), out var jwt);
        if (failure == TrustedJwtFailure.UntrustedIssuer)
        {
            throw new InvalidGrantException("Invalid grant: the assertion's issuer is not trusted") { ErrorId = ErrorIds.AssertionIssuerUntrusted };
        }

        if (failure != TrustedJwtFailure.None)
        {
            throw new InvalidGrantException("Invalid grant: the assertion is not valid") { ErrorId = ErrorIds.AssertionInvalid };
        }

        var jwtId = jwt!.GetString("jti");
        if (string.IsNullOrEmpty(jwtId) || jwtId.Length > options.MaxParameterLength)
        {
            throw new InvalidGrantException("Invalid grant: the assertion has no `jti`") { ErrorId = ErrorIds.AssertionInvalid };
        }

        if (!await replay.TryUseJwtIdAsync(jwt.Issuer, jwtId, jwt.ExpiresAt, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidGrantException("Invalid grant: the assertion was already used") { ErrorId = ErrorIds.AssertionReplayed };
        }

        var verified = new JwtBearerAssertion { Issuer = jwt.Issuer, Subject = jwt.Subject, JwtId = jwtId, ExpiresAt = jwt.ExpiresAt, Claims = jwt.Claims };
        var user = await model.GetUserFromAssertionAsync(verified, context.Client, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidGrantException("Invalid grant: the assertion's subject is unknown") { ErrorId = ErrorIds.AssertionSubjectUnknown };
        var scope = await issuer.ValidateScopeAsync(user, context.Client, requested, cancellationToken).ConfigureAwait(false);
        var token = await issuer.IssueAsync(context.Client, user, scope, TokenIssuer.NewGrantId(), includeRefreshToken: false, resources, resources, null, cancellationToken).ConfigureAwait(false);
        return await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);
    }
}
