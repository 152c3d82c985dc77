using System.Data.Common;
using Microsoft.Data.Sqlite;
using OAuth2.Storage.Sqlite;

namespace OAuth2.Storage.Relational.Tests.Fixtures;

/// <summary>Real SQLite files in a temp folder of the test class: a fresh file per store.</summary>
public sealed class SqliteStoreFixture : RelationalStoreFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oauth2-sqlite-").FullName;
    private int _stores;

    protected override ValueTask<(RelationalOAuth2Store Store, string ConnectionString)> CreateCoreAsync(TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_folder, $"store-{Interlocked.Increment(ref _stores)}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        var store = SqliteStorage.CreateStore(connectionString, new SqliteStorageOptions(), timeProvider);
        return ValueTask.FromResult((store, connectionString));
    }

    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    protected override ValueTask DisposeCoreAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
