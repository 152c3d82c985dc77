using System.Text.Json;

namespace OAuth2.Jwt;

/// <summary>A JWT bearer assertion (RFC 7523) after every check the server makes: what the model maps to a user.</summary>
public sealed record JwtBearerAssertion
{
    /// <summary>The trusted issuer (<c>iss</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The subject (<c>sub</c>): whom the token is requested for, in the issuer's namespace.</summary>
    public required string Subject { get; init; }

    /// <summary>The assertion's <c>jti</c>, already used up.</summary>
    public required string JwtId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Every claim, for application rules (a detached JSON object).</summary>
    public required JsonElement Claims { get; init; }
}
