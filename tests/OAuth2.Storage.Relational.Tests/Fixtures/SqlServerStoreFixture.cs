using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.Fixtures;

/// <summary>
/// A SQL Server given by <c>OAUTH2_SQLSERVER_CONNECTION</c>; every store gets a fresh schema, dropped on dispose.
/// Without the variable every case is skipped.
/// </summary>
public sealed class SqlServerStoreFixture : RelationalStoreFixture
{
    public const string Variable = "OAUTH2_SQLSERVER_CONNECTION";

    private readonly ConcurrentBag<RelationalOAuth2Store> _created = [];
    private int _stores;

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    protected override ValueTask<(RelationalOAuth2Store Store, string ConnectionString)> CreateCoreAsync(TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var connectionString = ConnectionString;
        if (connectionString is null)
        {
            Assert.Skip($"{Variable} is not set: no SQL Server to run the conformance suite against");
        }

        var schema = $"s{Interlocked.Increment(ref _stores)}_{Guid.NewGuid():N}"[..30];
        var store = SqlServerStorage.CreateStore(connectionString, new SqlServerStorageOptions { Schema = schema }, timeProvider);
        _created.Add(store);
        return ValueTask.FromResult((store, connectionString));
    }

    protected override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    protected override async ValueTask DisposeCoreAsync()
    {
        if (ConnectionString is not { } connectionString)
        {
            return;
        }

        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var store in _created)
        {
            var tables = store.Statements.Tables;
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(";", tables.All.Select(t => "DROP TABLE IF EXISTS " + t)) + $"; DROP SCHEMA IF EXISTS [{tables.Schema}];";
            await command.ExecuteNonQueryAsync();
        }
    }
}
