using OAuth2.Errors;
using OAuth2.Model;
using OAuth2.Resources;
using OAuth2.Scopes;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>RFC 6749 section 4.4: a confidential client obtains a token for itself. No refresh token (section 4.4.3).</summary>
internal sealed class ClientCredentialsGrant(IClientCredentialsModel model, ITokenModel tokens) : ITokenGrant
{
    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var requested = ScopeParser.Parse(context.GetParameter("scope"));
        var resources = ResourceIndicators.Parse(context.Request.Form, context.Issuer.Options);
        ResourceIndicators.RequireRegistered(resources, context.Client);
        var user = await model.GetUserFromClientAsync(context.Client, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidGrantException("Invalid grant: user credentials are invalid");
        var scope = await context.Issuer.ValidateScopeAsync(user, context.Client, requested, cancellationToken).ConfigureAwait(false);
        var token = await context.Issuer.IssueAsync(
            context.Client, user, scope, TokenIssuer.NewGrantId(), includeRefreshToken: false, resources, resources, refreshTokenScope: null, cancellationToken).ConfigureAwait(false);
        return await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);
    }
}
