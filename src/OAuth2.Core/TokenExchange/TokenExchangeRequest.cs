using OAuth2.Clients;

namespace OAuth2.TokenExchange;

/// <summary>A token exchange the server has validated and the application's policy now decides (RFC 8693 section 2.1).</summary>
public sealed record TokenExchangeRequest
{
    /// <summary>The authenticated client asking for the exchange.</summary>
    public required OAuth2Client Client { get; init; }

    /// <summary>The party the new token will speak for.</summary>
    public required ExchangedToken Subject { get; init; }

    /// <summary>The acting party (delegation); <c>null</c> for impersonation.</summary>
    public ExchangedToken? Actor { get; init; }

    /// <summary>
    /// The scope the new token would carry: the requested scope, or the subject's, already narrowed to the subject
    /// token's and the client's scope. The decision may narrow it further, never widen it.
    /// </summary>
    public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>The targets asked for (<c>audience</c> and <c>resource</c> values, in that order); may be empty.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The requested token type (<see cref="TokenTypeIdentifiers"/>); access token when the client named none.</summary>
    public required string RequestedTokenType { get; init; }
}
