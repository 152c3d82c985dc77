using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth2.DependencyInjection;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Storage and policy for <see cref="OAuth2ServerBuilder"/>.</summary>
public static class OAuth2ServerBuilderExtensions
{
    /// <summary>
    /// The extension point storage packages wrap: registers the one store (a singleton) that holds clients, tokens
    /// and codes, and exposes it also as <see cref="IClientStore"/>, <see cref="ITokenStore"/>,
    /// <see cref="IAuthorizationCodeStore"/> and <see cref="IDeviceAuthorizationStore"/>. The last registration wins
    /// for all five at once, also over a store
    /// registered directly on the service collection (e.g. <c>services.AddOAuth2MongoStorage(...)</c>).
    /// </summary>
    public static OAuth2ServerBuilder AddStore(this OAuth2ServerBuilder builder, Func<IServiceProvider, IOAuth2Store> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        var services = builder.Services;
        services.RemoveAll<IOAuth2Store>();
        services.RemoveAll<IClientStore>();
        services.RemoveAll<ITokenStore>();
        services.RemoveAll<IAuthorizationCodeStore>();
        services.RemoveAll<IDeviceAuthorizationStore>();
        services.AddSingleton(factory);
        services.AddSingleton<IClientStore>(sp => sp.GetRequiredService<IOAuth2Store>());
        services.AddSingleton<ITokenStore>(sp => sp.GetRequiredService<IOAuth2Store>());
        services.AddSingleton<IAuthorizationCodeStore>(sp => sp.GetRequiredService<IOAuth2Store>());
        services.AddSingleton<IDeviceAuthorizationStore>(sp => sp.GetRequiredService<IOAuth2Store>());
        return builder;
    }

    /// <summary>
    /// The embedded in-memory store: for development, tests and single-instance servers that may lose tokens on
    /// restart. Expiry follows the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static OAuth2ServerBuilder AddInMemoryStorage(this OAuth2ServerBuilder builder)
        => builder.AddStore(sp => new InMemoryStore(sp.GetRequiredService<TimeProvider>()));

    /// <summary>The application policy (users, scope decisions) the store-backed model runs with.</summary>
    public static OAuth2ServerBuilder AddPolicy(this OAuth2ServerBuilder builder, StoreModelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return builder.AddPolicy(_ => policy);
    }

    /// <summary>The application policy, built from services (e.g. a user repository).</summary>
    public static OAuth2ServerBuilder AddPolicy(this OAuth2ServerBuilder builder, Func<IServiceProvider, StoreModelPolicy> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }
}
