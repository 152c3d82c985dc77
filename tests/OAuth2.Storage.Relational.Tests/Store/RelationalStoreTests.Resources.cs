using OAuth2.Storage.Relational.Tests.Fixtures;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>
/// The resource-indicator columns (RFC 8707) came after the first release: a database created before them must get
/// them at start-up, keep its rows, and read those rows as carrying no resources; running the script again is harmless.
/// </summary>
public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task A_database_from_before_resource_indicators_is_upgraded_at_start_up()
    {
        var store = await NewStoreAsync();
        var client = Samples.Client("legacy") with { Resources = ["https://api.example.com/"] };
        await store.SaveClientAsync(client, Ct);
        var (a, r, c) = (Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()), Samples.Digest(Samples.NewToken()));
        await store.SaveTokensAsync(a, Samples.Access("g", Samples.Now.AddHours(1)), r, Samples.Refresh("g", null), Ct);
        await store.SaveAuthorizationCodeAsync(c, Samples.Code("g", Samples.Now.AddHours(1)), Ct);

        // Back to the schema of the first release: the five columns dropped.
        var tables = store.Statements.Tables;
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            foreach (var (table, column) in new[]
            {
                (tables.Clients, "resources"), (tables.AccessTokens, "audience"), (tables.RefreshTokens, "resources"),
                (tables.AuthorizationCodes, "resources"), (tables.DeviceAuthorizations, "resources"),
            })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"ALTER TABLE {table} DROP COLUMN {column}";
                await command.ExecuteNonQueryAsync(Ct);
            }
        }

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        var found = await store.FindClientAsync("legacy", Ct);
        Assert.NotNull(found);
        Assert.Equal(client.RedirectUris, found.RedirectUris);
        Assert.Empty(found.Resources);
        Assert.Empty((await store.FindAccessTokenAsync(a, Ct))!.Audience);
        Assert.Empty((await store.FindRefreshTokenAsync(r, Ct))!.Resources);
        Assert.Empty((await store.FindAuthorizationCodeAsync(c, Ct))!.Resources);

        // And the new columns work after the upgrade.
        await store.SaveClientAsync(client, Ct);
        Assert.Equal(client.Resources, (await store.FindClientAsync("legacy", Ct))!.Resources);
    }
}
