using OAuth2.DependencyInjection;
using OAuth2.Throttling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).ConfigureFailedAuthentication(o => o.UserPerAddress.MaxFailures = 3)</c>.</summary>
public static class FailedAuthenticationBuilderExtensions
{
    /// <summary>
    /// Tunes the failed-authentication throttle (on by default; see <see cref="FailedAuthenticationOptions"/>). With
    /// <c>AddOAuth2Server(IConfiguration)</c> the same options also bind from its <c>FailedAuthentication</c> section.
    /// </summary>
    public static OAuth2ServerBuilder ConfigureFailedAuthentication(this OAuth2ServerBuilder builder, Action<FailedAuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
