using OAuth2.DependencyInjection;
using OAuth2.Storage.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddOAuth2Server(…).AddPostgreSqlStorage(…)</c>.</summary>
public static class PostgreSqlStorageBuilderExtensions
{
    /// <summary>
    /// Stores clients, tokens and codes in PostgreSql. Create the schema at start-up (<c>IStoreInitializer</c>, or
    /// <c>EnsureSchemaAsync</c>), or hand the script to a DBA; prune expired rows with <c>.AddExpiredDataPruning()</c>.
    /// </summary>
    public static OAuth2ServerBuilder AddPostgreSqlStorage(this OAuth2ServerBuilder builder, string connectionString, Action<PostgreSqlStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOAuth2PostgreSqlStorage(connectionString, configure);
        return builder;
    }
}
