using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.Sqlite;

/// <summary>Opens pooled SQLite connections and sets the busy timeout on each, so a writer waits for the lock instead of failing.</summary>
internal sealed class SqliteConnectionFactory : IRelationalConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _busyTimeoutPragma;

    public SqliteConnectionFactory(string connectionString, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = true }.ToString();
        _busyTimeoutPragma = "PRAGMA busy_timeout = " + ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";
    }

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _busyTimeoutPragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
