using OAuth2.Clients;
using OAuth2.Security;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>
/// What dynamic client registration (RFC 7591) and its management protocol (RFC 7592) need of a store: the
/// registration access token's hash round-trips, an update replaces the whole record (RFC 7592 section 2.2: fields
/// left out are removed), a delete removes it, and neither the secret nor the registration token is at rest.
/// </summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Registration_TokenHashRoundTripsAndNullStaysNull()
    {
        var store = await NewStoreAsync();
        var registered = Data.Client() with { RegistrationAccessTokenHash = ClientSecretHasher.HashGeneratedSecret(ClientSecretHasher.GenerateSecret()) };
        var configured = Data.Client() with { RegistrationAccessTokenHash = null };

        await store.SaveClientAsync(registered, Ct);
        await store.SaveClientAsync(configured, Ct);

        RecordAssert.Equal(registered, await store.FindClientAsync(registered.Id, Ct));
        var found = Rule.Found(await store.FindClientAsync(configured.Id, Ct), "a client saved without a registration token must be found");
        Rule.Absent(found.RegistrationAccessTokenHash, "Registration: a client saved without a registration token hash reads back with none");
    }

    [Fact]
    public async Task Registration_UpdateReplacesTheWholeRecord()
    {
        // RFC 7592 section 2.2: the PUT body replaces the client's metadata; what it leaves out is gone afterwards.
        var store = await NewStoreAsync();
        var original = Data.RichClient();
        await store.SaveClientAsync(original, Ct);

        var rotated = ClientSecretHasher.HashGeneratedSecret(ClientSecretHasher.GenerateSecret());
        var update = new OAuth2Client
        {
            Id = original.Id,
            Type = ClientType.Public,
            RedirectUris = ["https://updated.example.com/cb"],
            Grants = [GrantTypes.AuthorizationCode],
            RequirePkce = true,
            Properties = new Dictionary<string, string> { ["client_name"] = "Updated" },
            RegistrationAccessTokenHash = rotated,
        };
        await store.SaveClientAsync(update, Ct);

        var found = await store.FindClientAsync(original.Id, Ct);
        RecordAssert.Equal(update, found);
        Rule.Absent(found!.SecretHash, "Registration: an update that turns the client public leaves no secret hash behind");
        Rule.True(!found.Properties.ContainsKey("display_name"), "Registration: an update removes the properties it leaves out");
    }

    [Fact]
    public async Task Registration_DeleteRemovesTheClientAndOnlyIt()
    {
        var store = await NewStoreAsync();
        var deleted = Data.RichClient();
        var kept = Data.RichClient();
        await store.SaveClientAsync(deleted, Ct);
        await store.SaveClientAsync(kept, Ct);

        Assert.True(await store.RemoveClientAsync(deleted.Id, Ct));

        Rule.Absent(await store.FindClientAsync(deleted.Id, Ct), "Registration: a deleted client is not found");
        RecordAssert.Equal(kept, await store.FindClientAsync(kept.Id, Ct));
        Assert.False(await store.RemoveClientAsync(deleted.Id, Ct));
    }

    [Fact]
    public async Task Dump_HoldsNoPlaintextRegistrationCredential()
    {
        var store = await NewStoreAsync();
        var secret = ClientSecretHasher.GenerateSecret();
        var registrationToken = ClientSecretHasher.GenerateSecret();
        var client = Data.Client() with
        {
            SecretHash = ClientSecretHasher.HashGeneratedSecret(secret),
            RegistrationAccessTokenHash = ClientSecretHasher.HashGeneratedSecret(registrationToken),
        };
        await store.SaveClientAsync(client, Ct);

        var dump = await Fixture.DumpAsync(store, Ct);
        if (dump is null)
        {
            Assert.Skip("The fixture provides no raw dump (StoreFixture.DumpAsync returned null).");
            return;
        }

        Assert.True(dump.Contains(client.Id, StringComparison.Ordinal), "The raw dump does not hold the saved client, so it cannot show the absence of its credentials.");
        foreach (var (what, value) in new[] { ("client secret", secret), ("registration access token", registrationToken) })
        {
            var form = DumpScanner.FindValue(dump, value);
            Assert.True(form is null, $"The raw dump holds the plaintext {what} ({form}).");
        }
    }

    [Fact]
    public async Task Registration_SecretExpiryRoundTripsAndNullStaysNull()
    {
        // RFC 7591 section 3.2.1 client_secret_expires_at: a typed instant the token endpoint checks, so it must
        // survive every backend to the millisecond, and "never" (null) must not read back as some instant.
        var store = await NewStoreAsync();
        var expiring = Data.Client() with { ClientSecretExpiresAt = new DateTimeOffset(Data.Now.AddHours(1).UtcDateTime.Ticks + 1357, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-3)) };
        var never = Data.Client() with { ClientSecretExpiresAt = null };

        await store.SaveClientAsync(expiring, Ct);
        await store.SaveClientAsync(never, Ct);

        RecordAssert.Equal(expiring, await store.FindClientAsync(expiring.Id, Ct));
        var found = Rule.Found(await store.FindClientAsync(never.Id, Ct), "a client saved without a secret expiry must be found");
        Rule.Absent(found.ClientSecretExpiresAt, "Registration: a client saved without a secret expiry reads back with none");

        // A rotation (RFC 7592 update) moves the expiry; the new instant replaces the old one.
        var rotated = expiring with { ClientSecretExpiresAt = expiring.ClientSecretExpiresAt!.Value.AddDays(7) };
        await store.SaveClientAsync(rotated, Ct);
        RecordAssert.Equal(rotated, await store.FindClientAsync(expiring.Id, Ct));
    }
}
