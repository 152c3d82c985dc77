using System.Data.Common;
using Dapper;

namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task Pruning_removes_only_expired_rows_in_batches()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(-i)), null, null, Ct);
        }

        for (var i = 1; i <= 5; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddSeconds(i)), null, null, Ct);
        }

        for (var i = 0; i < 4; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddMinutes(-1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("old", Samples.Now.AddMinutes(-1)), Ct);
        }

        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddMinutes(1)), Samples.Digest(Samples.NewToken()), Samples.Refresh("live", null), Ct);
        var liveCode = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(liveCode, Samples.Code("live", Samples.Now.AddMinutes(1)), Ct);
        await store.RedeemAuthorizationCodeAsync(liveCode, Samples.Now, Ct);
        for (var i = 0; i < 3; i++)
        {
            await store.SaveAuthorizationCodeAsync(Samples.Digest(Samples.NewToken()), Samples.Code("old", Samples.Now.AddMinutes(-1)), Ct);
        }

        var pruned = await store.PruneExpiredAsync(3, Ct);

        Assert.Equal(14 + 4 + 3, pruned);
        Assert.Equal(6, await CountAsync(store, store.Statements.Tables.AccessTokens));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.RefreshTokens));
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.AuthorizationCodes));
        Assert.Equal(0, await CountAsync(store, store.Statements.Tables.AccessTokens, "grant_id = 'old'"));
        Assert.Equal(0, await store.PruneExpiredAsync(3, Ct));
        Assert.NotNull(await store.FindAuthorizationCodeAsync(liveCode, Ct));
    }

    [Fact]
    public async Task One_prune_statement_deletes_at_most_the_batch_size()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("old", Samples.Now.AddSeconds(-1)), null, null, Ct);
        }

        await store.SaveTokensAsync(Samples.Digest(Samples.NewToken()), Samples.Access("live", Samples.Now.AddSeconds(1)), null, null, Ct);
        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        var statement = store.Statements.PruneAccessTokens;
        var parameters = new { now = Samples.Now.ToUnixTimeMilliseconds(), batch_size = 3 };

        var deleted = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            deleted.Add(await connection.ExecuteAsync(new CommandDefinition(statement.Sql, parameters, cancellationToken: Ct)));
        }

        Assert.Equal([3, 3, 3, 1, 0], deleted);
        Assert.Equal(1, await CountAsync(store, store.Statements.Tables.AccessTokens));
    }

    private async Task<long> CountAsync(RelationalOAuth2Store store, string table, string? where = null)
    {
        await using DbConnection connection = await Fixture.OpenConnectionAsync(store, Ct);
        var sql = "SELECT COUNT(*) FROM " + table + (where is null ? string.Empty : " WHERE " + where);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Ct));
    }
}
