using Microsoft.AspNetCore.Authentication;
using OAuth2.AspNetCore.ResourceServer.Challenges;

namespace OAuth2.AspNetCore.Authentication;

/// <summary>Options of the OAuth2 bearer scheme; the token rules themselves come from <see cref="OAuth2ServerOptions"/>.</summary>
public sealed class OAuth2BearerOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// The realm of every <c>WWW-Authenticate</c> challenge this scheme sends; <c>null</c> uses
    /// <see cref="OAuth2ServerOptions.Realm"/>. Printable ASCII without <c>"</c> or <c>\</c>, checked at start-up,
    /// so it can never break the header.
    /// </summary>
    public string? Realm { get; set; }

    /// <summary>
    /// Whether a JWT access token is also looked up in the store, so one revoked at <c>/revoke</c> or with its family
    /// (refresh-token reuse) is refused at once. <c>null</c> (the default) follows
    /// <see cref="Jwt.JwtAccessTokenOptions.CheckRevocation"/>, which is on. <c>false</c> trusts the signature alone:
    /// no store read per request, but a revoked token keeps working until it expires. Opaque tokens are always looked up.
    /// </summary>
    public bool? CheckRevocation { get; set; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Realm is not null && !ChallengeSyntax.IsQuotableValue(Realm))
        {
            throw new ArgumentException("The bearer realm must be non-empty printable ASCII without '\"' or '\\' (RFC 6750 section 3).", nameof(Realm));
        }
    }
}
