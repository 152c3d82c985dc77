using MongoDB.Driver;
using OAuth2.DependencyInjection;
using OAuth2.Storage.Mongo;
using OAuth2.Storage.Mongo.DependencyInjection;

// Extension methods for the builder live in this namespace so they show up without an extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>services.AddOAuth2Server(…).AddMongoStorage(…)</c>.</summary>
public static class MongoStorageBuilderExtensions
{
    /// <summary>
    /// Stores clients, tokens and codes in <paramref name="databaseName"/> on the server of
    /// <paramref name="connectionString"/>, through a <see cref="MongoClient"/> of its own that the container disposes.
    /// Create the indexes at start-up (<c>IStoreInitializer</c>, or
    /// <see cref="MongoStorageServiceProviderExtensions.EnsureOAuth2MongoIndexesAsync"/>).
    /// </summary>
    public static OAuth2ServerBuilder AddMongoStorage(this OAuth2ServerBuilder builder, string connectionString, string databaseName, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        builder.Services.AddSingleton(_ => new MongoStoreConnection(connectionString, databaseName));
        return builder.AddMongoStorage(static sp => sp.GetRequiredService<MongoStoreConnection>().Database, configure);
    }

    /// <summary>
    /// Stores clients, tokens and codes in the database <paramref name="database"/> returns, typically one built
    /// from the application's own registered <see cref="IMongoClient"/>.
    /// </summary>
    public static OAuth2ServerBuilder AddMongoStorage(this OAuth2ServerBuilder builder, Func<IServiceProvider, IMongoDatabase> database, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        var options = new MongoStoreOptions();
        configure?.Invoke(options);
        return builder.AddStore(sp => new MongoOAuth2Store(database(sp), options, sp.GetService<TimeProvider>()));
    }
}
