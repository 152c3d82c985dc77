using Dapper;
using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on real SQLite files.</summary>
public sealed class SqliteStoreTests(SqliteStoreFixture fixture) : RelationalStoreTests<SqliteStoreFixture>(fixture)
{
    [Fact]
    public async Task The_client_id_indexes_reach_a_database_created_before_them()
    {
        var store = await NewStoreAsync();
        var prefix = store.Statements.Tables.Prefix;
        string[] names = [prefix + "access_tokens_client_id", prefix + "refresh_tokens_client_id"];
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        const string count = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN @names";
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, new { names }, cancellationToken: Ct)));
        foreach (var name in names)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP INDEX \"{name}\"", cancellationToken: Ct));
        }

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, new { names }, cancellationToken: Ct)));
    }

    [Fact]
    public async Task One_file_needs_no_pruning_lease_so_every_caller_gets_one()
    {
        var store = await NewStoreAsync();

        await using var first = await store.TryAcquirePruningLeaseAsync(Ct);
        await using var second = await store.TryAcquirePruningLeaseAsync(Ct);

        Assert.Null(store.Statements.AcquirePruningLease);
        Assert.Null(store.Statements.ReleasePruningLease);
        Assert.NotNull(first);
        Assert.NotNull(second);
    }
}
