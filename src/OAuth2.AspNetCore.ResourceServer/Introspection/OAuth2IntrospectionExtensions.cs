using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OAuth2.AspNetCore.ResourceServer.Introspection;

namespace Microsoft.AspNetCore.Authentication;

/// <summary>Adds the introspection scheme: <c>services.AddAuthentication().AddOAuth2Introspection(o => ...)</c>.</summary>
public static class OAuth2IntrospectionExtensions
{
    public static AuthenticationBuilder AddOAuth2Introspection(this AuthenticationBuilder builder, Action<OAuth2IntrospectionOptions> configure)
        => builder.AddOAuth2Introspection(OAuth2IntrospectionDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds the scheme under a custom name. Its options are checked when the host starts, so a missing secret or a
    /// plain-http endpoint fails the deployment rather than the first request.
    /// </summary>
    public static AuthenticationBuilder AddOAuth2Introspection(this AuthenticationBuilder builder, string authenticationScheme, Action<OAuth2IntrospectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.TryAddSingleton<IntrospectionClients>();
        builder.Services.AddSingleton<IValidateOptions<OAuth2IntrospectionOptions>>(new IntrospectionOptionsValidator(authenticationScheme));
        builder.Services.AddOptions<OAuth2IntrospectionOptions>(authenticationScheme).ValidateOnStart();
        return builder.AddScheme<OAuth2IntrospectionOptions, OAuth2IntrospectionHandler>(authenticationScheme, displayName: "OAuth 2.0 token introspection", configure);
    }
}
