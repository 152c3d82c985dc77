using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// A grant as the token endpoint runs it: validate the request, issue, save, and return the saved token. Built-in
/// grants implement it directly, so each reads top-down in one method; extension grants are adapted by
/// <see cref="ExtensionGrant"/>.
/// </summary>
internal interface ITokenGrant
{
    ValueTask<Token> IssueAsync(GrantContext context, CancellationToken cancellationToken);
}
