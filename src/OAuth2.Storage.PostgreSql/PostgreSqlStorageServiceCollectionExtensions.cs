using OAuth2.Storage.PostgreSql;
using OAuth2.Storage.Relational;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgreSqlStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a PostgreSQL store as the OAuth2 store and expired-data pruner. The options are validated here, so
    /// a bad schema name or table prefix fails at start-up.
    /// </summary>
    public static IServiceCollection AddOAuth2PostgreSqlStorage(this IServiceCollection services, string connectionString, Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgreSqlStorageOptions();
        configure?.Invoke(options);
        options.Validate();
        return services.AddOAuth2RelationalStore(sp => PostgreSqlStorage.CreateStore(connectionString, options, sp.GetService<TimeProvider>()));
    }
}
