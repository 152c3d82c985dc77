using OAuth2.AspNetCore.Authentication;

namespace Microsoft.AspNetCore.Authentication;

/// <summary>Adds the OAuth2 bearer scheme: <c>services.AddAuthentication().AddOAuth2Bearer()</c>.</summary>
public static class OAuth2BearerExtensions
{
    public static AuthenticationBuilder AddOAuth2Bearer(this AuthenticationBuilder builder)
        => builder.AddOAuth2Bearer(OAuth2BearerDefaults.AuthenticationScheme, _ => { });

    public static AuthenticationBuilder AddOAuth2Bearer(this AuthenticationBuilder builder, Action<OAuth2BearerOptions> configure)
        => builder.AddOAuth2Bearer(OAuth2BearerDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the scheme under a custom name. The <see cref="OAuth2.OAuth2Server"/> must be registered (<c>AddOAuth2Server</c>).</summary>
    public static AuthenticationBuilder AddOAuth2Bearer(this AuthenticationBuilder builder, string authenticationScheme, Action<OAuth2BearerOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme<OAuth2BearerOptions, OAuth2BearerHandler>(authenticationScheme, displayName: "OAuth 2.0 bearer token", configure);
    }
}
