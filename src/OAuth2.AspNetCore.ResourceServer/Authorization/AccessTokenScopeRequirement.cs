using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OAuth2.AspNetCore.ResourceServer.Challenges;

namespace OAuth2.AspNetCore.ResourceServer.Authorization;

/// <summary>
/// Requires every listed scope of the access token: the one scope check of this library, behind
/// <c>RequireAccessTokenScope</c> and OAuth2.AspNetCore's <c>RequireScope</c>. Reads <c>scope</c> claims both ways
/// they arrive: one claim per value (this library's schemes) and one space-delimited claim (a JWT read by JwtBearer
/// with MapInboundClaims off, RFC 9068 section 2.2.3). A failure leaves the required scopes on the request so the
/// scheme's 403 challenge can name them.
/// </summary>
internal sealed class AccessTokenScopeRequirement : AuthorizationHandler<AccessTokenScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which failed checks leave the scopes they required.</summary>
    private const string FailedScopeItemKey = "OAuth2.RequiredScope";

    public AccessTokenScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes];

        // Each one may be named in a 403's challenge (scope="..."), whose grammar allows only NQCHAR: a space would
        // read as two scopes, a quote would end the value.
        if (Scopes.Count == 0 || Scopes.Any(s => !ChallengeSyntax.IsScopeToken(s)))
        {
            throw new ArgumentException("At least one scope is required; scope values are printable ASCII without spaces, '\"' or '\\' (RFC 6749 section 3.3).", nameof(scopes));
        }
    }

    public IReadOnlyList<string> Scopes { get; }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessTokenScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var granted = context.User.FindAll("scope")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (requirement.Scopes.All(granted.Contains))
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http)
        {
            var previous = http.Items.TryGetValue(FailedScopeItemKey, out var value) && value is IReadOnlyList<string> list ? list : [];
            http.Items[FailedScopeItemKey] = previous.Concat(requirement.Scopes).Distinct(StringComparer.Ordinal).ToList();
        }

        return Task.CompletedTask;
    }

    /// <summary>The scopes failed checks asked for, for a 403's <c>scope="..."</c>; <c>null</c> when none failed.</summary>
    internal static string? FailedScope(HttpContext context)
        => context.Items.TryGetValue(FailedScopeItemKey, out var value) && value is IReadOnlyList<string> { Count: > 0 } scopes
            ? string.Join(' ', scopes)
            : null;
}
