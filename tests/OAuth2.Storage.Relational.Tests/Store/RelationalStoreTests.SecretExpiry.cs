using Dapper;

namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task The_schema_script_adds_the_secret_expiry_column_to_a_clients_table_created_without_it()
    {
        var store = await NewStoreAsync();
        var existing = Samples.Client("before-expiry-" + Guid.NewGuid().ToString("N"));
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            // A database from before secrets could expire (RFC 7591 client_secret_expires_at): no such column.
            await connection.ExecuteAsync(new CommandDefinition("ALTER TABLE " + store.Statements.Tables.Clients + " DROP COLUMN secret_expires_at", cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO " + store.Statements.Tables.Clients + " (client_id, client_type, redirect_uris, grants, require_pkce, properties) VALUES (@id, 'Public', '[]', '[]', @pkce, '{}')",
                new { id = existing.Id, pkce = true },
                cancellationToken: Ct));
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.FindClientAsync(existing.Id, Ct));

        // Twice: the upgrade is idempotent, and a second start finds the column in place.
        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        var found = await store.FindClientAsync(existing.Id, Ct);
        Assert.NotNull(found);
        Assert.Null(found.ClientSecretExpiresAt); // a row written before: the secret never expires
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_123);
        await store.SaveClientAsync(found with { ClientSecretExpiresAt = expiresAt }, Ct);
        Assert.Equal(expiresAt, (await store.FindClientAsync(existing.Id, Ct))?.ClientSecretExpiresAt);
    }
}
