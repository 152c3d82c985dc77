using OAuth2.Storage.Relational.Tests.Fixtures;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>
/// The DPoP columns (RFC 9449: <c>jkt</c> on both token tables, <c>dpop_bound_access_tokens</c> on clients) reach a
/// database created before them: the schema script adds them in place, as often as it runs, keeping existing rows.
/// </summary>
public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task Dpop_columns_are_added_to_a_database_created_before_them()
    {
        var store = await NewStoreAsync();
        var tables = store.Statements.Tables;
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            // Back to the pre-DPoP shape (SQL Server would first need the column's default constraint dropped).
            foreach (var (table, column) in new[] { (tables.AccessTokens, "jkt"), (tables.RefreshTokens, "jkt"), (tables.Clients, "dpop_bound_access_tokens") })
            {
                await using var drop = connection.CreateCommand();
                drop.CommandText = $"ALTER TABLE {table} DROP COLUMN {column}";
                await drop.ExecuteNonQueryAsync(Ct);
            }
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.FindClientAsync("any", Ct));

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        var digest = Samples.Digest(Samples.NewToken());
        var token = new AccessToken
        {
            ClientId = "c",
            User = new OAuth2User("u"),
            IssuedAt = Samples.Now,
            ExpiresAt = Samples.Now.AddHours(1),
            GrantId = "g",
            JwkThumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
        };
        await store.SaveTokensAsync(digest, token, null, null, Ct);
        await store.SaveClientAsync(new OAuth2.Clients.OAuth2Client { Id = "dpop-client", DpopBoundAccessTokens = true }, Ct);

        Assert.Equal(token.JwkThumbprint, (await store.FindAccessTokenAsync(digest, Ct))!.JwkThumbprint);
        Assert.True((await store.FindClientAsync("dpop-client", Ct))!.DpopBoundAccessTokens);
    }
}
