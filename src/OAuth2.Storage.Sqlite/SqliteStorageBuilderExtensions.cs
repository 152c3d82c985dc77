using OAuth2.DependencyInjection;
using OAuth2.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddSqliteStorage(…)</c>.</summary>
public static class SqliteStorageBuilderExtensions
{
    /// <summary>
    /// Stores clients, tokens and codes in Sqlite. Create the schema at start-up (<c>IStoreInitializer</c>, or
    /// <c>EnsureSchemaAsync</c>), or hand the script to a DBA; prune expired rows with <c>.AddExpiredDataPruning()</c>.
    /// </summary>
    public static OAuth2ServerBuilder AddSqliteStorage(this OAuth2ServerBuilder builder, string connectionString, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2SqliteStorage(connectionString, configure);
        return builder;
    }
}
