using System.Data.Common;
using Microsoft.Data.SqlClient;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.SqlServer;

/// <summary>Opens pooled SqlClient connections.</summary>
internal sealed class SqlServerConnectionFactory : IRelationalConnectionFactory
{
    private readonly string _connectionString;

    public SqlServerConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
    }

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
