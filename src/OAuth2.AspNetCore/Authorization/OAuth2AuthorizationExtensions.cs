using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Authentication;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Scopes as authorization policies: <c>p.RequireScope("read")</c> or <c>AddOAuth2ScopePolicies("read", "write")</c>.</summary>
public static class OAuth2AuthorizationExtensions
{
    /// <summary>
    /// Requires a bearer token (the OAuth2 scheme) that carries every given scope. A missing or bad token is a 401
    /// challenge; a token without the scope a 403 <c>insufficient_scope</c>.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder policy, params string[] scopes)
        => policy.RequireScope(OAuth2BearerDefaults.AuthenticationScheme, scopes);

    /// <summary>
    /// <see cref="RequireScope(AuthorizationPolicyBuilder, string[])"/> for a bearer scheme registered under another
    /// name: the scheme plus <see cref="AccessTokenScopeExtensions.RequireAccessTokenScope"/>, the one scope check of
    /// this library, whose failed scopes the scheme's 403 names.
    /// </summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder policy, string authenticationScheme, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scopes);
        return policy
            .AddAuthenticationSchemes(authenticationScheme)
            .RequireAccessTokenScope([.. scopes]);
    }

    /// <summary>Adds one policy per scope, named after it, so <c>RequireAuthorization("read")</c> checks scope <c>read</c>.</summary>
    public static AuthorizationBuilder AddOAuth2ScopePolicies(this AuthorizationBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scopes);
        builder.Services.Configure<AuthorizationOptions>(options => options.AddOAuth2ScopePolicies(scopes));
        return builder;
    }

    /// <summary>Adds one policy per scope, named after it (for <c>AddAuthorization(o => ...)</c>).</summary>
    public static AuthorizationOptions AddOAuth2ScopePolicies(this AuthorizationOptions options, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scopes);
        foreach (var scope in scopes)
        {
            options.AddPolicy(scope, p => p.RequireScope(scope));
        }

        return options;
    }
}
