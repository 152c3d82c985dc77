using Dapper;

namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task Failed_attempts_are_one_row_per_key_and_ended_windows_are_pruned_in_batches()
    {
        var store = await NewStoreAsync();
        var window = TimeSpan.FromMinutes(1);
        for (var i = 0; i < 5; i++)
        {
            await store.RecordFailureAsync("ended:" + i, Samples.Now.AddMinutes(-2), window, Ct);
        }

        // Ends exactly at the store's now: ended, so pruned.
        await store.RecordFailureAsync("ends-now", Samples.Now - window, window, Ct);
        await store.RecordFailureAsync("Live", Samples.Now, window, Ct);
        await store.RecordFailureAsync("Live", Samples.Now.AddSeconds(1), window, Ct);
        await store.RecordFailureAsync("live", Samples.Now, window, Ct);

        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            var live = await connection.QuerySingleAsync<(string, long, long)>(new CommandDefinition(
                $"SELECT attempt_key, attempt_count, window_ends_at FROM {store.Statements.Tables.FailedAttempts} WHERE attempt_key = 'Live'", cancellationToken: Ct));
            Assert.Equal(("Live", 2L, Samples.Now.Add(window).ToUnixTimeMilliseconds()), live);
        }

        Assert.Equal(8, await CountAsync(store, store.Statements.Tables.FailedAttempts));

        var pruned = await store.PruneExpiredAsync(2, Ct);

        Assert.Equal(6, pruned);
        Assert.Equal(2, await CountAsync(store, store.Statements.Tables.FailedAttempts));
        Assert.Equal(new FailedAttempts(2, Samples.Now + window), await store.GetFailuresAsync("Live", Samples.Now, Ct));
        Assert.Equal(new FailedAttempts(1, Samples.Now + window), await store.GetFailuresAsync("live", Samples.Now, Ct));
        Assert.Equal(0, await store.PruneExpiredAsync(2, Ct));
    }

    [Fact]
    public async Task The_schema_script_adds_the_failed_attempts_table_to_a_database_created_without_it()
    {
        var store = await NewStoreAsync();
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            // A database from before the counter existed: everything but the failed_attempts table.
            await connection.ExecuteAsync(new CommandDefinition("DROP TABLE " + store.Statements.Tables.FailedAttempts, cancellationToken: Ct));
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.GetFailuresAsync("client:x", Samples.Now, Ct));
        var token = Samples.Digest(Samples.NewToken());
        await store.SaveTokensAsync(token, Samples.Access("kept", Samples.Now.AddMinutes(5)), null, null, Ct);

        await store.EnsureSchemaAsync(Ct);

        Assert.Equal(1, (await store.RecordFailureAsync("client:x", Samples.Now, TimeSpan.FromMinutes(1), Ct)).Count);
        Assert.NotNull(await store.FindAccessTokenAsync(token, Ct));
    }
}
