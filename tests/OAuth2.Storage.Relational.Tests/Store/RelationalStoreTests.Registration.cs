using Dapper;
using OAuth2.Clients;
using OAuth2.Security;

namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task The_schema_script_adds_the_registration_token_column_to_a_clients_table_created_without_it()
    {
        // A database from before dynamic registration (RFC 7591) existed.
        var (store, found) = await UpgradeClientsTableCreatedWithoutAsync("registration_token_hash");

        Assert.Null(found.RegistrationAccessTokenHash);
        var hash = ClientSecretHasher.HashGeneratedSecret(ClientSecretHasher.GenerateSecret());
        await store.SaveClientAsync(found with { RegistrationAccessTokenHash = hash }, Ct);
        Assert.Equal(hash, (await store.FindClientAsync(found.Id, Ct))?.RegistrationAccessTokenHash);
    }

    /// <summary>
    /// A clients table as a database from before <paramref name="column"/> existed (the column dropped, one row
    /// written without it), which the store cannot read; then the schema script run twice (the upgrade is idempotent
    /// and a second start finds the column in place). Returns the old row as read after the upgrade.
    /// </summary>
    private async Task<(RelationalOAuth2Store Store, OAuth2Client Found)> UpgradeClientsTableCreatedWithoutAsync(string column)
    {
        var store = await NewStoreAsync();
        var existing = Samples.Client("before-" + Guid.NewGuid().ToString("N"));
        await using (var connection = await Fixture.OpenConnectionAsync(store, Ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("ALTER TABLE " + store.Statements.Tables.Clients + " DROP COLUMN " + column, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO " + store.Statements.Tables.Clients + " (client_id, client_type, redirect_uris, grants, require_pkce, properties) VALUES (@id, 'Public', '[]', '[]', @pkce, '{}')",
                new { id = existing.Id, pkce = true },
                cancellationToken: Ct));
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.FindClientAsync(existing.Id, Ct));

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);

        var found = await store.FindClientAsync(existing.Id, Ct);
        Assert.NotNull(found);
        return (store, found);
    }
}
