using OAuth2.DependencyInjection;
using OAuth2.Storage.SqlServer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddSqlServerStorage(…)</c>.</summary>
public static class SqlServerStorageBuilderExtensions
{
    /// <summary>
    /// Stores clients, tokens and codes in SqlServer. Create the schema at start-up (<c>IStoreInitializer</c>, or
    /// <c>EnsureSchemaAsync</c>), or hand the script to a DBA; prune expired rows with <c>.AddExpiredDataPruning()</c>.
    /// </summary>
    public static OAuth2ServerBuilder AddSqlServerStorage(this OAuth2ServerBuilder builder, string connectionString, Action<SqlServerStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2SqlServerStorage(connectionString, configure);
        return builder;
    }
}
