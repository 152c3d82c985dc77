using Microsoft.Extensions.DependencyInjection.Extensions;
using MongoDB.Driver;
using OAuth2.Storage;
using OAuth2.Storage.Mongo;
using OAuth2.Storage.Mongo.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MongoOAuth2Store"/> as the server's store.</summary>
public static class MongoStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores clients, tokens and codes in <paramref name="databaseName"/> on the server of
    /// <paramref name="connectionString"/>, through a <see cref="MongoClient"/> of its own.
    /// </summary>
    /// <remarks>
    /// Registers <see cref="MongoOAuth2Store"/> as a singleton and as <see cref="IOAuth2Store"/>,
    /// <see cref="IClientStore"/>, <see cref="ITokenStore"/>, <see cref="IAuthorizationCodeStore"/>,
    /// <see cref="IDeviceAuthorizationStore"/>, <see cref="IFailedAttemptStore"/> and <see cref="IExpiredDataPruner"/>. Create the indexes at start-up with
    /// <see cref="MongoStorageServiceProviderExtensions.EnsureOAuth2MongoIndexesAsync"/>.
    /// </remarks>
    public static IServiceCollection AddOAuth2MongoStorage(
        this IServiceCollection services,
        string connectionString,
        string databaseName,
        Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        services.AddSingleton(_ => new MongoStoreConnection(connectionString, databaseName));
        return services.AddOAuth2MongoStorage(static sp => sp.GetRequiredService<MongoStoreConnection>().Database, configure);
    }

    /// <summary>
    /// Stores clients, tokens and codes in the database <paramref name="database"/> returns, typically one built
    /// from the application's own registered <see cref="IMongoClient"/>.
    /// </summary>
    public static IServiceCollection AddOAuth2MongoStorage(
        this IServiceCollection services,
        Func<IServiceProvider, IMongoDatabase> database,
        Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(database);
        var options = new MongoStoreOptions();
        configure?.Invoke(options);

        services.AddSingleton(sp => new MongoOAuth2Store(database(sp), options, sp.GetService<TimeProvider>()));
        services.AddSingleton<IOAuth2Store>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        services.AddSingleton<IClientStore>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        services.AddSingleton<ITokenStore>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        services.AddSingleton<IAuthorizationCodeStore>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        services.AddSingleton<IDeviceAuthorizationStore>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        services.AddSingleton<IExpiredDataPruner>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        services.RemoveAll<IFailedAttemptStore>(); // replaces the in-process default, so throttling counts across instances
        services.AddSingleton<IFailedAttemptStore>(static sp => sp.GetRequiredService<MongoOAuth2Store>());
        return services;
    }
}
