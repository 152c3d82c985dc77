using OAuth2.Model;
using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// An application's <see cref="IGrantType"/> (registered by absolute URI) run like a built-in grant: the
/// application validates and issues, the server saves.
/// </summary>
internal sealed class ExtensionGrant(IGrantType grant, ITokenModel tokens) : ITokenGrant
{
    public async ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken)
    {
        var token = await grant.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        return await SavedTokens.SaveAsync(tokens, token, cancellationToken).ConfigureAwait(false);
    }
}
