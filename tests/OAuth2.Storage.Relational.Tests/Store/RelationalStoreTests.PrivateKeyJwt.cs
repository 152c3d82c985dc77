using System.Data.Common;
using OAuth2.Clients;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The private_key_jwt additions: the client columns and the replay cache arrive in a database created before them.</summary>
public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task The_private_key_jwt_upgrade_adds_its_columns_and_table_to_an_older_database_idempotently()
    {
        var store = await NewStoreAsync();
        var older = Samples.Client("older-" + Guid.NewGuid().ToString("N"));
        await store.SaveClientAsync(older, Ct);
        var tables = store.Statements.Tables;

        // Back to the shape of a database created before private_key_jwt.
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            await ExecuteAsync(connection, $"ALTER TABLE {tables.Clients} DROP COLUMN jwks");
            await ExecuteAsync(connection, $"ALTER TABLE {tables.Clients} DROP COLUMN token_endpoint_auth_method");
            await ExecuteAsync(connection, $"DROP TABLE {tables.ReplayCache}");
        }

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        var found = await store.FindClientAsync(older.Id, Ct);
        Assert.NotNull(found);
        Assert.Null(found.Jwks);
        Assert.Null(found.TokenEndpointAuthMethod);

        var keyed = older with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt, Jwks = "{\"keys\":[]}" };
        await store.SaveClientAsync(keyed, Ct);
        var reread = await store.FindClientAsync(older.Id, Ct);
        Assert.Equal(TokenEndpointAuthMethods.PrivateKeyJwt, reread?.TokenEndpointAuthMethod);
        Assert.Equal("{\"keys\":[]}", reread?.Jwks);
        Assert.True(await store.TryAddAsync("ca:upgrade", Samples.Now.AddMinutes(5), Samples.Now, Ct));
        Assert.False(await store.TryAddAsync("ca:upgrade", Samples.Now.AddMinutes(5), Samples.Now, Ct));
    }

    [Fact]
    public async Task Expired_replay_entries_go_with_the_prune()
    {
        var store = await NewStoreAsync();
        Assert.True(await store.TryAddAsync("ca:old", Samples.Now.AddMinutes(-1), Samples.Now.AddMinutes(-6), Ct));
        Assert.True(await store.TryAddAsync("ca:live", Samples.Now.AddMinutes(5), Samples.Now, Ct));

        Assert.True(await store.PruneExpiredAsync(100, Ct) >= 1);

        await using var connection = await Fixture.OpenConnectionAsync(store, Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {store.Statements.Tables.ReplayCache}";
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
