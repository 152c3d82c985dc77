using OAuth2.Storage.Relational;

namespace OAuth2.Storage.Sqlite;

/// <summary>Builds the SQLite store without a DI container (the DI extension uses it too).</summary>
public static class SqliteStorage
{
    /// <summary>
    /// A store over the SQLite database of <paramref name="connectionString"/> (e.g. <c>Data Source=oauth2.db</c>).
    /// Call <see cref="RelationalOAuth2Store.EnsureSchemaAsync"/> once before use, or run its script.
    /// </summary>
    public static RelationalOAuth2Store CreateStore(string connectionString, SqliteStorageOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new SqliteStorageOptions();
        options.Validate();
        var dialect = new SqliteDialect();
        var tables = RelationalTableNames.Create(dialect, schema: null, options.TablePrefix);
        return new RelationalOAuth2Store(dialect, tables, new SqliteConnectionFactory(connectionString, options.BusyTimeout), options, timeProvider);
    }
}
