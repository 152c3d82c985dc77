using OAuth2.DependencyInjection;
using OAuth2.Storage.Redis;
using StackExchange.Redis;

// Extension methods for the builder live in this namespace so they show up without an extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>services.AddOAuth2Server(…).AddRedisStorage(…)</c>.</summary>
public static class RedisStorageBuilderExtensions
{
    /// <summary>
    /// Stores clients, tokens and codes in Redis at <paramref name="configuration"/> (a StackExchange.Redis
    /// configuration string, e.g. <c>"localhost:6379,abortConnect=false"</c>), over a connection this registration
    /// opens on first use and disposes with the service provider.
    /// </summary>
    public static OAuth2ServerBuilder AddRedisStorage(this OAuth2ServerBuilder builder, string configuration, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return builder.AddRedisStorage(ConfigurationOptions.Parse(configuration), configure);
    }

    /// <summary>
    /// Stores clients, tokens and codes in Redis with these connection options, for what a configuration string
    /// cannot say, such as <c>SocketManager = SocketManager.ThreadPool</c>: on a host with few cores, completing
    /// replies on the .NET thread pool instead of StackExchange.Redis's dedicated threads measured 33–43% more token
    /// requests per second (benchmarks/README.md). The connection is opened on first use and disposed with the
    /// service provider.
    /// </summary>
    public static OAuth2ServerBuilder AddRedisStorage(this OAuth2ServerBuilder builder, ConfigurationOptions connection, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        var owned = connection.Clone();
        builder.Services.AddSingleton(_ => new RedisConnectionOwner(owned)); // a factory, so the provider disposes it
        return builder.AddRedisStorage(sp => sp.GetRequiredService<RedisConnectionOwner>().Connection, configure);
    }

    /// <summary>
    /// Stores clients, tokens and codes in Redis over the application's own multiplexer (for example the
    /// <see cref="IConnectionMultiplexer"/> it already registered: <c>sp =&gt; sp.GetRequiredService&lt;IConnectionMultiplexer&gt;()</c>),
    /// which the store never disposes.
    /// </summary>
    public static OAuth2ServerBuilder AddRedisStorage(this OAuth2ServerBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connectionFactory, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionFactory);
        var options = new RedisStoreOptions();
        configure?.Invoke(options);
        return builder.AddStore(sp => new RedisOAuth2Store(connectionFactory(sp), options, sp.GetService<TimeProvider>()));
    }
}
