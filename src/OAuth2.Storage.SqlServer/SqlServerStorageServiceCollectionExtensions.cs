using OAuth2.Storage.Relational;
using OAuth2.Storage.SqlServer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQL Server store.</summary>
public static class SqlServerStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a SQL Server store as the OAuth2 store and expired-data pruner. The options are validated here, so
    /// a bad schema name or table prefix fails at start-up.
    /// </summary>
    public static IServiceCollection AddOAuth2SqlServerStorage(this IServiceCollection services, string connectionString, Action<SqlServerStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new SqlServerStorageOptions();
        configure?.Invoke(options);
        options.Validate();
        return services.AddOAuth2RelationalStore(sp => SqlServerStorage.CreateStore(connectionString, options, sp.GetService<TimeProvider>()));
    }
}
