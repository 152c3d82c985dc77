using OAuth2.Tokens;

namespace OAuth2.Handlers;

/// <summary>An authorization code the authorize endpoint issued, with where it was sent.</summary>
public sealed record IssuedAuthorizationCode(string Code, AuthorizationCode Data, string RedirectUri, string? State);
