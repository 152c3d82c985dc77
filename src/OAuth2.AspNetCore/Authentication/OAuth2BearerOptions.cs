using Microsoft.AspNetCore.Authentication;

namespace OAuth2.AspNetCore.Authentication;

/// <summary>Options of the OAuth2 bearer scheme; the token rules themselves come from <see cref="OAuth2ServerOptions"/>.</summary>
public sealed class OAuth2BearerOptions : AuthenticationSchemeOptions
{
    /// <summary>The realm of the <c>WWW-Authenticate</c> challenge; <c>null</c> uses <see cref="OAuth2ServerOptions.Realm"/>.</summary>
    public string? Realm { get; set; }
}
