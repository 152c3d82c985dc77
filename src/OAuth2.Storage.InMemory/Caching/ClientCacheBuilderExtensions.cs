using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth2.DependencyInjection;
using OAuth2.Storage;
using OAuth2.Storage.Caching;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddRedisStorage(…).AddClientCache(TimeSpan.FromSeconds(30))</c>.</summary>
public static class ClientCacheBuilderExtensions
{
    /// <summary>The key the wrapped store is registered under, so the container still builds and disposes it.</summary>
    private const string InnerStoreKey = "OAuth2.ClientCache.InnerStore";

    /// <summary>
    /// Wraps the registered store in a <see cref="CachingClientStore"/>: clients are read from memory for
    /// <paramref name="duration"/> instead of from the store on every token request. Off unless called. Call it
    /// <em>after</em> the storage (any storage package, <c>AddStore</c> or a store registered on the service
    /// collection); resolving the server fails with a clear message when a storage registered later replaced the cache.
    /// </summary>
    /// <remarks>
    /// A client removed, or whose secret was rotated, through another instance or directly in the backend keeps
    /// working on this instance for up to <paramref name="duration"/>; changes through this instance's store take
    /// effect at once. <see cref="IOAuth2Store"/> and the four narrow store interfaces all resolve to the one cache.
    /// </remarks>
    public static OAuth2ServerBuilder AddClientCache(this OAuth2ServerBuilder builder, TimeSpan duration, int maxEntries = ClientCacheOptions.DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        var services = builder.Services;
        var current = services.LastOrDefault(d => d.ServiceType == typeof(IOAuth2Store) && !d.IsKeyedService)
            ?? throw new InvalidOperationException(
                "AddClientCache wraps the registered store: call it after the storage, e.g. AddOAuth2Server(…).AddRedisStorage(…).AddClientCache(…).");
        services.Replace(ServiceDescriptor.Singleton(new ClientCacheOptions { Duration = duration, MaxEntries = maxEntries }));

        if (!IsCache(current))
        {
            if (current.Lifetime != ServiceLifetime.Singleton)
            {
                throw new InvalidOperationException($"AddClientCache needs the IOAuth2Store to be a singleton; it is registered as {current.Lifetime}.");
            }

            RemoveAll(services, d => d.ServiceType == typeof(IOAuth2Store) && (!d.IsKeyedService || Equals(d.ServiceKey, InnerStoreKey)));
            services.Add(AsInner(current));
            services.AddSingleton<IOAuth2Store>(CreateCache);
        }

        // Storage packages point the narrow interfaces at their concrete store; a save through any of them must
        // reach the cache, or it would not invalidate.
        Forward<IClientStore>(services);
        Forward<ITokenStore>(services);
        Forward<IAuthorizationCodeStore>(services);
        Forward<IDeviceAuthorizationStore>(services);
        return builder;
    }

    private static CachingClientStore CreateCache(IServiceProvider services) => new(
        services.GetRequiredKeyedService<IOAuth2Store>(InnerStoreKey),
        services.GetRequiredService<ClientCacheOptions>(),
        services.GetService<TimeProvider>());

    private static bool IsCache(ServiceDescriptor descriptor)
        => descriptor.ImplementationFactory?.Method == ((Func<IServiceProvider, CachingClientStore>)CreateCache).Method;

    private static ServiceDescriptor AsInner(ServiceDescriptor descriptor)
    {
        if (descriptor.ImplementationInstance is { } instance)
        {
            return ServiceDescriptor.KeyedSingleton(typeof(IOAuth2Store), InnerStoreKey, instance);
        }

        if (descriptor.ImplementationFactory is { } factory)
        {
            return ServiceDescriptor.KeyedSingleton(typeof(IOAuth2Store), InnerStoreKey, (sp, _) => factory(sp));
        }

        return ServiceDescriptor.KeyedSingleton(typeof(IOAuth2Store), InnerStoreKey, descriptor.ImplementationType!);
    }

    private static void Forward<TService>(IServiceCollection services)
        where TService : class
    {
        RemoveAll(services, d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        services.AddSingleton<TService>(sp => (TService)sp.GetRequiredService<IOAuth2Store>());
    }

    private static void RemoveAll(IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (match(services[i]))
            {
                services.RemoveAt(i);
            }
        }
    }
}
