using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth2.DependencyInjection;
using OAuth2.Storage;

// Extension methods for the builder live in this namespace so they show up without an extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// The one way a store is registered. Every storage package's <c>Add…Storage</c> overload ends here, so all stores
/// are registered alike: one singleton, exposed as every store contract it implements, the last registration winning.
/// </summary>
public static class OAuth2StoreRegistration
{
    /// <summary>
    /// The store contracts a registration exposes. A contract the store does not implement keeps whatever was
    /// registered for it before (e.g. the in-process <see cref="IFailedAttemptStore"/> default).
    /// </summary>
    private static readonly Type[] Contracts =
    [
        typeof(IOAuth2Store),
        typeof(IClientStore),
        typeof(ITokenStore),
        typeof(IAuthorizationCodeStore),
        typeof(IDeviceAuthorizationStore),
        typeof(IFailedAttemptStore),
        typeof(IExpiredDataPruner),
        typeof(IStoreInitializer),
        typeof(IReplayCache),
    ];

    /// <summary>
    /// Registers the store built by <paramref name="factory"/> as a singleton (disposed with the container) and as
    /// each store contract <typeparamref name="TStore"/> implements, replacing every earlier store registration of
    /// those contracts. The contracts are read from the declared type once, here, so the server never has to
    /// discover a store's capabilities by casting it.
    /// </summary>
    public static OAuth2ServerBuilder AddStore<TStore>(this OAuth2ServerBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IOAuth2Store
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        var services = builder.Services;
        services.RemoveAll<TStore>();
        services.AddSingleton(factory);
        var implemented = typeof(TStore).GetInterfaces();
        foreach (var contract in Contracts)
        {
            if (contract == typeof(TStore))
            {
                continue; // registered as itself above
            }

            if (Array.IndexOf(implemented, contract) < 0)
            {
                if (contract == typeof(IExpiredDataPruner) || contract == typeof(IStoreInitializer))
                {
                    // A store without them must not leave an earlier store's pruner or initializer behind.
                    services.RemoveAll(contract);
                }

                continue;
            }

            services.RemoveAll(contract);
            services.AddSingleton(contract, sp => sp.GetRequiredService<TStore>());
        }

        return builder;
    }
}
