using OAuth2.TokenExchange;

namespace OAuth2.Model;

/// <summary>
/// The application's token exchange policy (RFC 8693 section 5: the server decides who may exchange what, for whom).
/// The server validates the tokens and never widens the scope; the policy decides whether the client may act, for
/// which audiences and how narrowly. Required by the token exchange grant: without it the server refuses to start.
/// </summary>
public interface ITokenExchangeModel
{
    /// <summary>Decides one exchange; <see cref="TokenExchangeDecision.Deny"/> refuses it.</summary>
    ValueTask<TokenExchangeDecision> AuthorizeExchangeAsync(TokenExchangeRequest request, CancellationToken cancellationToken);
}
