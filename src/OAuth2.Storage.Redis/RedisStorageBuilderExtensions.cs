using OAuth2.DependencyInjection;
using OAuth2.Storage.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddRedisStorage(…)</c>.</summary>
public static class RedisStorageBuilderExtensions
{
    /// <summary>Stores clients, tokens and codes in Redis, over a connection this registration opens and owns.</summary>
    public static OAuth2ServerBuilder AddRedisStorage(this OAuth2ServerBuilder builder, string configuration, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2RedisStorage(configuration, configure);
        return builder;
    }

    /// <summary>
    /// Stores clients, tokens and codes in Redis, over a connection this registration opens from
    /// <paramref name="connection"/> and owns (e.g. with <c>SocketManager = SocketManager.ThreadPool</c>).
    /// </summary>
    public static OAuth2ServerBuilder AddRedisStorage(this OAuth2ServerBuilder builder, ConfigurationOptions connection, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2RedisStorage(connection, configure);
        return builder;
    }

    /// <summary>Stores clients, tokens and codes in Redis over the application's own multiplexer, which it never disposes.</summary>
    public static OAuth2ServerBuilder AddRedisStorage(this OAuth2ServerBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> connectionFactory, Action<RedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2RedisStorage(connectionFactory, configure);
        return builder;
    }
}
