using Dapper;
using Npgsql;
using OAuth2.Storage.PostgreSql;
using OAuth2.Storage.Relational.Tests.Fixtures;
using OAuth2.Tests.Support;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The relational store checks on a real PostgreSQL.</summary>
public sealed class PostgreSqlStoreTests(PostgreSqlStoreFixture fixture) : RelationalStoreTests<PostgreSqlStoreFixture>(fixture)
{
    [Fact]
    public async Task The_client_id_indexes_reach_a_database_created_before_them()
    {
        var store = await NewStoreAsync();
        var tables = store.Statements.Tables;
        string[] names = [tables.Prefix + "access_tokens_client_id", tables.Prefix + "refresh_tokens_client_id"];
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        const string count = "SELECT count(*) FROM pg_indexes WHERE schemaname = @schema AND indexname = ANY(@names)";
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, new { schema = tables.Schema, names }, cancellationToken: Ct)));
        foreach (var name in names)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP INDEX \"{tables.Schema}\".\"{name}\"", cancellationToken: Ct));
        }

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, new { schema = tables.Schema, names }, cancellationToken: Ct)));
    }

    [Fact]
    public async Task The_dialect_recognises_a_violation_of_the_user_code_key_by_its_name()
    {
        var store = await NewStoreAsync();
        var (first, second) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        var firstUser = Samples.Digest(Samples.NewToken());
        await store.SaveDeviceAuthorizationAsync(first, firstUser, Samples.Device(Samples.Now.AddMinutes(20)), Ct);
        await store.SaveDeviceAuthorizationAsync(second, Samples.Digest(Samples.NewToken()), Samples.Device(Samples.Now.AddMinutes(20)), Ct);
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);

        var violation = await Assert.ThrowsAsync<PostgresException>(async () => await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {store.Statements.Tables.DeviceAuthorizations} SET user_digest = @user WHERE device_digest = @device",
            new { user = firstUser.ToArray(), device = second.ToArray() },
            cancellationToken: Ct)));

        Assert.True(store.Dialect.IsUniqueViolation(violation, "device_authorizations_user_digest"));
        Assert.False(store.Dialect.IsUniqueViolation(violation, "device_authorizations_pk"));
        Assert.False(store.Dialect.IsUniqueViolation(new InvalidOperationException("device_authorizations_user_digest"), "device_authorizations_user_digest"));
    }

    [Fact]
    public async Task Of_several_stores_on_the_same_tables_exactly_one_holds_the_pruning_lease_until_it_releases_it()
    {
        var first = await NewStoreAsync();
        var others = Enumerable.Range(0, 7).Select(_ => SameTables(first)).ToList();
        var elsewhere = await NewStoreAsync();
        try
        {
            var attempts = await Task.WhenAll(others.Prepend(first).Select(s => s.TryAcquirePruningLeaseAsync(Ct).AsTask()));
            var holder = Assert.Single(attempts, lease => lease is not null)!;

            await using (var unrelated = await elsewhere.TryAcquirePruningLeaseAsync(Ct))
            {
                Assert.NotNull(unrelated); // another schema: another lease
            }

            Assert.Null(await first.TryAcquirePruningLeaseAsync(Ct));
            await holder.DisposeAsync();
            var next = await others[3].TryAcquirePruningLeaseAsync(Ct);
            Assert.NotNull(next);
            await next.DisposeAsync();
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Of_two_servers_sharing_a_database_the_one_without_the_lease_skips_its_run_and_prunes_once_it_is_free()
    {
        var serverA = await NewStoreAsync();
        await using var serverB = SameTables(serverA);
        for (var i = 0; i < 3; i++)
        {
            await serverA.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(-1)), null, null, Ct);
        }

        var logs = new RecordingLoggerProvider();
        await using var host = await StartPruningAsync(serverB, logs);
        var heldByA = await serverA.TryAcquirePruningLeaseAsync(Ct);
        Assert.NotNull(heldByA);

        Clock.Advance(PruningInterval);
        await logs.WaitForAsync(3105, 1, Ct);
        Assert.Equal(3, await CountAsync(serverA, serverA.Statements.Tables.AccessTokens));

        await heldByA.DisposeAsync();
        Clock.Advance(PruningInterval);
        var entries = await logs.WaitForAsync(e => e.Any(x => x.EventId is 3103 or 3106 or 3107), Ct);

        Assert.Contains(entries, e => e.EventId == 3103 && e.Message.StartsWith("Pruned 3 ", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(serverA, serverA.Statements.Tables.AccessTokens));
        Assert.Equal(1, entries.Count(e => e.EventId == 3105));
    }

    [Fact]
    public async Task A_dropped_connection_releases_the_lease()
    {
        var first = await NewStoreAsync();
        await using var second = SameTables(first);
        var held = await first.TryAcquirePruningLeaseAsync(Ct);
        Assert.NotNull(held);
        Assert.Null(await second.TryAcquirePruningLeaseAsync(Ct));

        await using (var admin = await Fixture.OpenConnectionAsync(first, Ct))
        {
            // What a crashed server looks like to PostgreSQL: its session ends (waiting up to 10 s for it to be gone).
            var terminated = await admin.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(pg_terminate_backend(pid, 10000)) FROM pg_locks WHERE locktype = 'advisory' AND granted " +
                "AND classid::bigint = ((hashtextextended(@name, 0) >> 32) & 4294967295) AND objid::bigint = (hashtextextended(@name, 0) & 4294967295)",
                new { name = first.Statements.PruningLeaseName },
                cancellationToken: Ct));
            Assert.Equal(1, terminated);
        }

        var taken = await second.TryAcquirePruningLeaseAsync(Ct);
        Assert.NotNull(taken);
        await taken.DisposeAsync();
        await held.DisposeAsync(); // releasing on a dead session is harmless
    }

    private RelationalOAuth2Store SameTables(RelationalOAuth2Store store) =>
        PostgreSqlStorage.CreateStore(Fixture.ConnectionString, new PostgreSqlStorageOptions { Schema = store.Statements.Tables.Schema! }, Clock);
}
