using OAuth2.DependencyInjection;
using OAuth2.Storage.Sqlite;

// Extension methods for the builder live in this namespace so they show up without an extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>services.AddOAuth2Server(…).AddSqliteStorage(…)</c>.</summary>
public static class SqliteStorageBuilderExtensions
{
    /// <summary>
    /// Stores clients, tokens, codes and device authorizations in SQLite. The options are validated here, so a bad
    /// schema name or table prefix fails at start-up. Create the schema at start-up (<c>IStoreInitializer</c>, or
    /// <c>EnsureSchemaAsync</c>) or hand the script to a DBA; expired rows are removed by <c>IExpiredDataPruner</c>.
    /// </summary>
    public static OAuth2ServerBuilder AddSqliteStorage(this OAuth2ServerBuilder builder, string connectionString, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new SqliteStorageOptions();
        configure?.Invoke(options);
        options.Validate();
        return builder.AddStore(sp => SqliteStorage.CreateStore(connectionString, options, sp.GetService<TimeProvider>()));
    }
}
