using OAuth2.Clients;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>The stored-shape change of pushed authorization requests (RFC 9126): databases made before it keep working.</summary>
public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task A_clients_table_from_before_the_par_flag_gets_the_column_at_start_up_and_keeps_its_rows()
    {
        var store = await NewStoreAsync();
        if (store.Dialect.Name == "SQL Server")
        {
            Assert.Skip("the column's default constraint makes the DROP of this test dialect-specific; covered by the statement tests");
        }

        var old = new OAuth2Client { Id = "before-par", Grants = ["authorization_code"] };
        await store.SaveClientAsync(old, Ct);
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER TABLE {store.Statements.Tables.Clients} DROP COLUMN require_par";
            await command.ExecuteNonQueryAsync(Ct);
        }

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct); // idempotent once the column exists
        var requiring = new OAuth2Client { Id = "after-par", Grants = ["authorization_code"], RequirePushedAuthorizationRequests = true };
        await store.SaveClientAsync(requiring, Ct);

        Assert.False((await store.FindClientAsync("before-par", Ct))!.RequirePushedAuthorizationRequests);
        Assert.True((await store.FindClientAsync("after-par", Ct))!.RequirePushedAuthorizationRequests);
    }
}
