using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Model;
using OAuth2.Resources;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// RFC 6749 section 4.3, the resource owner password credentials grant. Kept for node-oauth2-server parity; RFC 9700
/// section 2.4 says not to use it, so remove it from <see cref="OAuth2ServerOptions.GrantTypes"/> unless migrating.
/// </summary>
internal sealed class PasswordGrant(IPasswordModel model, ITokenModel tokens) : ITokenGrant
{
    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var username = context.GetParameter("username") ?? throw new InvalidRequestException("Missing parameter: `username`");
        var password = context.GetParameter("password") ?? throw new InvalidRequestException("Missing parameter: `password`");
        if (!ParameterRules.IsUnicodeNoCrLf(username))
        {
            throw new InvalidRequestException("Invalid parameter: `username`");
        }

        if (!ParameterRules.IsUnicodeNoCrLf(password))
        {
            throw new InvalidRequestException("Invalid parameter: `password`");
        }

        var requested = ScopeParser.Parse(context.GetParameter("scope"));
        var resources = ResourceIndicators.Parse(context.Request.Form, context.Issuer.Options);
        ResourceIndicators.RequireRegistered(resources, context.Client);
        var user = await model.GetUserAsync(username, password, context.Client, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidGrantException("Invalid grant: user credentials are invalid");
        var scope = await context.Issuer.ValidateScopeAsync(user, context.Client, requested, cancellationToken).ConfigureAwait(false);
        var token = await context.Issuer.IssueAsync(
            context.Client, user, scope, TokenIssuer.NewGrantId(), context.Issuer.MayIssueRefreshToken(context.Client), resources, resources, refreshTokenScope: null, cancellationToken).ConfigureAwait(false);
        return await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);
    }
}
