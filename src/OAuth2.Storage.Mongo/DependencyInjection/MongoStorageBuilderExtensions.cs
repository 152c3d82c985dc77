using MongoDB.Driver;
using OAuth2.DependencyInjection;
using OAuth2.Storage.Mongo;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddMongoStorage(…)</c>.</summary>
public static class MongoStorageBuilderExtensions
{
    /// <summary>Stores clients, tokens and codes in <paramref name="databaseName"/> (indexes: <c>IStoreInitializer</c> or <c>EnsureIndexesAsync</c>).</summary>
    public static OAuth2ServerBuilder AddMongoStorage(this OAuth2ServerBuilder builder, string connectionString, string databaseName, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2MongoStorage(connectionString, databaseName, configure);
        return builder;
    }

    /// <summary>Stores clients, tokens and codes in the database the application's own client provides.</summary>
    public static OAuth2ServerBuilder AddMongoStorage(this OAuth2ServerBuilder builder, Func<IServiceProvider, IMongoDatabase> database, Action<MongoStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2MongoStorage(database, configure);
        return builder;
    }
}
