using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using OAuth2.Storage.Conformance;
using OAuth2.Storage.Relational;

namespace OAuth2.Storage.Relational.Tests.Fixtures;

/// <summary>
/// What the three engines share: stores remember their connection string so tests can read the tables directly,
/// and the dump is every row of every table as text.
/// </summary>
public abstract class RelationalStoreFixture : StoreFixture, IFailedAttemptStoreFixture, IReplayCacheFixture
{
    private readonly ConcurrentDictionary<RelationalOAuth2Store, string> _stores = new();

    public override async ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await CreateRelationalStoreAsync(timeProvider, cancellationToken);

    public async ValueTask<IFailedAttemptStore> CreateFailedAttemptStoreAsync(CancellationToken cancellationToken) =>
        await CreateRelationalStoreAsync(null, cancellationToken);

    public async ValueTask<IReplayCache> CreateReplayCacheAsync(CancellationToken cancellationToken) =>
        await CreateRelationalStoreAsync(null, cancellationToken);

    /// <summary>A fresh store (own schema or file) with its schema created, on the given clock.</summary>
    public async ValueTask<RelationalOAuth2Store> CreateRelationalStoreAsync(TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var (store, connectionString) = await CreateCoreAsync(timeProvider, cancellationToken);
        _stores[store] = connectionString;
        await store.EnsureSchemaAsync(cancellationToken);
        return store;
    }

    /// <summary>Opens a connection to the database of <paramref name="store"/>.</summary>
    public async ValueTask<DbConnection> OpenConnectionAsync(RelationalOAuth2Store store, CancellationToken cancellationToken)
    {
        var connection = CreateConnection(_stores[store]);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override async ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken)
    {
        var relational = (RelationalOAuth2Store)store;
        await using var connection = await OpenConnectionAsync(relational, cancellationToken);
        var dump = new StringBuilder();
        foreach (var table in relational.Statements.Tables.All)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM " + table;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                dump.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(' ').Append(reader.GetName(i)).Append('=').Append(Format(reader.GetValue(i)));
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Keys)
        {
            await store.DisposeAsync();
        }

        await DisposeCoreAsync();
        await base.DisposeAsync();
    }

    protected abstract ValueTask<(RelationalOAuth2Store Store, string ConnectionString)> CreateCoreAsync(TimeProvider? timeProvider, CancellationToken cancellationToken);

    protected abstract DbConnection CreateConnection(string connectionString);

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private static string Format(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToHexStringLower(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
