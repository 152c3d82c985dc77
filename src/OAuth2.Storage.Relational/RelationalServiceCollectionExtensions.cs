using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OAuth2.Storage.Relational;

/// <summary>The registration every relational storage package shares: one store singleton behind every store interface.</summary>
public static class RelationalServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store built by <paramref name="factory"/> as the <see cref="IOAuth2Store"/>, the four narrow
    /// store interfaces, the <see cref="IFailedAttemptStore"/> (so throttling counts in the shared database, not per
    /// process) and the <see cref="IExpiredDataPruner"/>, replacing any earlier registration of them.
    /// </summary>
    public static IServiceCollection AddOAuth2RelationalStore(this IServiceCollection services, Func<IServiceProvider, RelationalOAuth2Store> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.Replace(ServiceDescriptor.Singleton(factory));
        services.Replace(ServiceDescriptor.Singleton<IOAuth2Store>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        services.Replace(ServiceDescriptor.Singleton<IClientStore>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationCodeStore>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        services.Replace(ServiceDescriptor.Singleton<IDeviceAuthorizationStore>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        services.Replace(ServiceDescriptor.Singleton<IFailedAttemptStore>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        services.Replace(ServiceDescriptor.Singleton<IExpiredDataPruner>(sp => sp.GetRequiredService<RelationalOAuth2Store>()));
        return services;
    }
}
