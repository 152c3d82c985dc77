using System.Data.Common;
using Npgsql;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.PostgreSql;

/// <summary>Opens connections from one <see cref="NpgsqlDataSource"/> (Npgsql's pool); disposing it closes the pool.</summary>
internal sealed class PostgreSqlConnectionFactory : IRelationalConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
