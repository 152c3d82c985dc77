namespace OAuth2.Storage.Relational.Tests.Store;

public abstract partial class RelationalStoreTests<TFixture>
{
    [Fact]
    public async Task The_schema_script_adds_the_secret_expiry_column_to_a_clients_table_created_without_it()
    {
        // A database from before secrets could expire (RFC 7591 client_secret_expires_at).
        var (store, found) = await UpgradeClientsTableCreatedWithoutAsync("secret_expires_at");

        Assert.Null(found.ClientSecretExpiresAt); // a row written before: the secret never expires
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_123);
        await store.SaveClientAsync(found with { ClientSecretExpiresAt = expiresAt }, Ct);
        Assert.Equal(expiresAt, (await store.FindClientAsync(found.Id, Ct))?.ClientSecretExpiresAt);
    }
}
