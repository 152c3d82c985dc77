using Microsoft.Extensions.DependencyInjection;

namespace OAuth2.DependencyInjection;

/// <summary>
/// Returned by <c>AddOAuth2Server</c> so storage and policy are chained onto it. Storage packages add their own
/// one-line extension (<c>AddRedisStorage(...)</c>) that calls <c>AddStore</c>.
/// </summary>
public sealed class OAuth2ServerBuilder
{
    public OAuth2ServerBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The service collection the server is registered in.</summary>
    public IServiceCollection Services { get; }
}
