using OAuth2.Storage.Relational;
using OAuth2.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a SQLite store (a durable embedded store for a single node) as the OAuth2 store and expired-data pruner.
    /// The options are validated here, so a bad table prefix fails at start-up.
    /// </summary>
    public static IServiceCollection AddOAuth2SqliteStorage(this IServiceCollection services, string connectionString, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new SqliteStorageOptions();
        configure?.Invoke(options);
        options.Validate();
        return services.AddOAuth2RelationalStore(sp => SqliteStorage.CreateStore(connectionString, options, sp.GetService<TimeProvider>()));
    }
}
