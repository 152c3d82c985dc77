using System.Security.Claims;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>What one introspection decided: an accepted token with its claims, or a refusal with the reason to log.</summary>
internal abstract record IntrospectionOutcome
{
    /// <summary>An active token this API accepts; <paramref name="ExpiresAt"/> is its <c>exp</c>, when the server said.</summary>
    public sealed record Active(IReadOnlyList<Claim> Claims, DateTimeOffset? ExpiresAt) : IntrospectionOutcome;

    /// <summary>Inactive, or active but not for this API (audience, issuer, token type).</summary>
    public sealed record Refused(string Reason) : IntrospectionOutcome;

    /// <summary>The server could not be asked or gave no usable answer: never cached.</summary>
    public sealed record Unavailable(string Reason) : IntrospectionOutcome;
}
