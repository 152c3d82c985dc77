using OAuth2.Storage.Relational;

namespace OAuth2.Storage.PostgreSql;

/// <summary>Builds the PostgreSQL store without a DI container (the DI extension uses it too).</summary>
public static class PostgreSqlStorage
{
    /// <summary>
    /// A store over the PostgreSQL database of <paramref name="connectionString"/>. Call
    /// <see cref="RelationalOAuth2Store.EnsureSchemaAsync"/> once before use, or have a DBA run its script.
    /// </summary>
    public static RelationalOAuth2Store CreateStore(string connectionString, PostgreSqlStorageOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new PostgreSqlStorageOptions();
        options.Validate();
        var dialect = new PostgreSqlDialect();
        var tables = RelationalTableNames.Create(dialect, options.Schema, options.TablePrefix);
        return new RelationalOAuth2Store(dialect, tables, new PostgreSqlConnectionFactory(connectionString), options, timeProvider);
    }
}
