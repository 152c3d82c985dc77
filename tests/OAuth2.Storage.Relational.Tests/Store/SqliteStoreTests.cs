using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on real SQLite files.</summary>
public sealed class SqliteStoreTests(SqliteStoreFixture fixture) : RelationalStoreTests<SqliteStoreFixture>(fixture)
{
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
