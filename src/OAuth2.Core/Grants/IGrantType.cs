using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// A grant the token endpoint dispatches to (node's <c>AbstractGrantType</c>). Built-in grants and extension grants
/// (registered in <see cref="OAuth2ServerOptions.ExtendedGrantTypes"/> by absolute URI) implement it alike.
/// </summary>
public interface IGrantType
{
    /// <summary>Validates the grant request for an authenticated client and issues a token (not yet saved).</summary>
    ValueTask<Token> HandleAsync(GrantContext context, CancellationToken cancellationToken);
}
