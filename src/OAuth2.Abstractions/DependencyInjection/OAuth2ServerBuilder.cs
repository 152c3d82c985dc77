using Microsoft.Extensions.DependencyInjection;

namespace OAuth2.DependencyInjection;

/// <summary>
/// Returned by <c>AddOAuth2Server</c> so storage and policy are chained onto it. It lives in the storage contract
/// package so that a storage package can offer its <c>Add…Storage</c> extension without depending on the protocol
/// core; every such extension ends in <see cref="OAuth2StoreRegistration.AddStore{TStore}"/>.
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
