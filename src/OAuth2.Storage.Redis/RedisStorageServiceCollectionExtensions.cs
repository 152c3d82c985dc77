using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth2.Storage;
using OAuth2.Storage.Redis;
using StackExchange.Redis;

// Extension methods on IServiceCollection live in this namespace so they show up without an extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Redis store as the OAuth2 server's <see cref="IOAuth2Store"/> its parts, and the failed-attempt counter.</summary>
public static class RedisStorageServiceCollectionExtensions
{
    /// <summary>
    /// Uses Redis at <paramref name="configuration"/> (a StackExchange.Redis configuration string, e.g.
    /// <c>"localhost:6379,abortConnect=false"</c>). The connection is opened on first use and disposed with the
    /// service provider.
    /// </summary>
    public static IServiceCollection AddOAuth2RedisStorage(
        this IServiceCollection services,
        string configuration,
        Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return services.AddOAuth2RedisStorage(ConfigurationOptions.Parse(configuration), configure);
    }

    /// <summary>
    /// Uses Redis with these connection options, for what a configuration string cannot say, such as
    /// <c>SocketManager = SocketManager.ThreadPool</c>: on a host with few cores, completing replies on the .NET thread
    /// pool instead of StackExchange.Redis's dedicated threads measured 33–43% more token requests per second
    /// (benchmarks/README.md). The connection is opened on first use and disposed with the service provider.
    /// </summary>
    public static IServiceCollection AddOAuth2RedisStorage(
        this IServiceCollection services,
        ConfigurationOptions connection,
        Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        var owned = connection.Clone();
        services.AddSingleton(_ => new RedisConnectionOwner(owned)); // a factory, so the provider disposes it
        return services.AddOAuth2RedisStorage(sp => sp.GetRequiredService<RedisConnectionOwner>().Connection, configure);
    }

    /// <summary>
    /// Uses the application's own multiplexer (for example the <see cref="IConnectionMultiplexer"/> it already
    /// registered: <c>sp =&gt; sp.GetRequiredService&lt;IConnectionMultiplexer&gt;()</c>). The store never disposes it.
    /// </summary>
    public static IServiceCollection AddOAuth2RedisStorage(
        this IServiceCollection services,
        Func<IServiceProvider, IConnectionMultiplexer> connectionFactory,
        Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionFactory);
        var options = new RedisStoreOptions();
        configure?.Invoke(options);

        services.RemoveAll<RedisOAuth2Store>();
        services.AddSingleton(sp => new RedisOAuth2Store(connectionFactory(sp), options, sp.GetService<TimeProvider>()));
        services.RemoveAll<IOAuth2Store>();
        services.RemoveAll<IClientStore>();
        services.RemoveAll<ITokenStore>();
        services.RemoveAll<IAuthorizationCodeStore>();
        services.RemoveAll<IDeviceAuthorizationStore>();
        services.RemoveAll<IFailedAttemptStore>();
        services.AddSingleton<IOAuth2Store>(sp => sp.GetRequiredService<RedisOAuth2Store>());
        services.AddSingleton<IClientStore>(sp => sp.GetRequiredService<RedisOAuth2Store>());
        services.AddSingleton<ITokenStore>(sp => sp.GetRequiredService<RedisOAuth2Store>());
        services.AddSingleton<IAuthorizationCodeStore>(sp => sp.GetRequiredService<RedisOAuth2Store>());
        services.AddSingleton<IDeviceAuthorizationStore>(sp => sp.GetRequiredService<RedisOAuth2Store>());
        services.AddSingleton<IFailedAttemptStore>(sp => sp.GetRequiredService<RedisOAuth2Store>()); // shared failed-auth counts
        return services;
    }
}
