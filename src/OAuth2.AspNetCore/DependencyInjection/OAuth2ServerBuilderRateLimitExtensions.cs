using Microsoft.Extensions.Configuration;
using OAuth2.AspNetCore.Abuse;
using OAuth2.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Tuning the request rate limits of the OAuth endpoints (on by default, see <see cref="OAuth2RateLimitOptions"/>).</summary>
public static class OAuth2ServerBuilderRateLimitExtensions
{
    /// <summary>Tunes the rate limits in code, e.g. <c>o => o.Token.PerAddress.PermitLimit = 20_000</c>.</summary>
    public static OAuth2ServerBuilder ConfigureRateLimits(this OAuth2ServerBuilder builder, Action<OAuth2RateLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Binds the rate limits from configuration, e.g. the section <c>OAuth2:RateLimits</c>.</summary>
    public static OAuth2ServerBuilder ConfigureRateLimits(this OAuth2ServerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.Configure<OAuth2RateLimitOptions>(configuration);
        return builder;
    }
}
