using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OAuth2.AspNetCore.Authentication;

namespace OAuth2.AspNetCore.Authorization;

/// <summary>
/// Requires every listed scope among the user's <c>scope</c> claims. It handles itself (no handler registration),
/// and on failure records the missing scope on the request so the bearer scheme's 403 can name it in
/// <c>WWW-Authenticate</c> (RFC 6750 section 3).
/// </summary>
internal sealed class ScopeRequirement : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which a failed check leaves the scope it required.</summary>
    public const string FailedScopeItemKey = "OAuth2.RequiredScope";

    public ScopeRequirement(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = [.. scopes];
        if (Scopes.Count == 0 || Scopes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty scope is required.", nameof(scopes));
        }

        // Each one may be named in a 403's challenge (scope="..."), whose grammar allows only NQCHAR: a space would
        // read as two scopes, a quote would end the value.
        if (Scopes.FirstOrDefault(s => !ChallengeSyntax.IsScopeToken(s)) is { } invalid)
        {
            throw new ArgumentException($"Scope values are printable ASCII without spaces, '\"' or '\\' (RFC 6749 section 3.3); got one of {invalid.Length} characters.", nameof(scopes));
        }
    }

    public IReadOnlyList<string> Scopes { get; }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var granted = context.User.FindAll(OAuth2ClaimTypes.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
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
}
