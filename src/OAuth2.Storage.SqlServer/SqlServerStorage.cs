using OAuth2.Storage.Relational;

namespace OAuth2.Storage.SqlServer;

/// <summary>Builds the SQL Server store without a DI container (the DI extension uses it too).</summary>
public static class SqlServerStorage
{
    /// <summary>
    /// A store over the SQL Server database of <paramref name="connectionString"/>. Call
    /// <see cref="RelationalOAuth2Store.EnsureSchemaAsync"/> once before use, or have a DBA run its script.
    /// </summary>
    public static RelationalOAuth2Store CreateStore(string connectionString, SqlServerStorageOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new SqlServerStorageOptions();
        options.Validate();
        var dialect = new SqlServerDialect();
        var tables = RelationalTableNames.Create(dialect, options.Schema, options.TablePrefix);
        return new RelationalOAuth2Store(dialect, tables, new SqlServerConnectionFactory(connectionString), options, timeProvider);
    }
}
