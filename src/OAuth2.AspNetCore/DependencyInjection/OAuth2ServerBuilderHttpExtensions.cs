using OAuth2.AspNetCore.Http;
using OAuth2.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>ASP.NET Core settings for <see cref="OAuth2ServerBuilder"/>.</summary>
public static class OAuth2ServerBuilderHttpExtensions
{
    /// <summary>Tunes how the ASP.NET Core host reads requests (the form body size limit, the parameter cap).</summary>
    public static OAuth2ServerBuilder ConfigureHttp(this OAuth2ServerBuilder builder, Action<OAuth2HttpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
