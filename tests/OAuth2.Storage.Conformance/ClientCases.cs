using OAuth2.Clients;
using OAuth2.Security;
using Xunit;

namespace OAuth2.Storage.Conformance;

/// <summary>Clients: round trip, exact (case-sensitive) ids, upsert, removal and secret verification.</summary>
public abstract partial class StoreConformanceTests<TFixture>
{
    [Fact]
    public async Task Client_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var client = Data.RichClient();

        await store.SaveClientAsync(client, Ct);

        RecordAssert.Equal(client, await store.FindClientAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Client_KeepsItsIntrospectionPermission()
    {
        // The permission lives in Properties (no schema of its own): it must survive every backend unchanged.
        var store = await NewStoreAsync();
        var resourceServer = Data.Client() with
        {
            Properties = new Dictionary<string, string> { [ClientPermissions.IntrospectionProperty] = "true", ["name"] = "API" },
        };
        var ordinary = Data.Client();

        await store.SaveClientAsync(resourceServer, Ct);
        await store.SaveClientAsync(ordinary, Ct);

        var foundServer = await store.FindClientAsync(resourceServer.Id, Ct);
        var foundOrdinary = await store.FindClientAsync(ordinary.Id, Ct);
        Rule.True(foundServer is not null && ClientPermissions.MayIntrospectAnyToken(foundServer),
            "a client's Properties round-trip unchanged, so its introspection permission survives the store");
        Rule.True(foundOrdinary is not null && !ClientPermissions.MayIntrospectAnyToken(foundOrdinary),
            "a client saved without the introspection permission is found without it");
    }

    [Fact]
    public async Task Client_RoundTripsAMinimalPublicClient()
    {
        var store = await NewStoreAsync();
        var client = new OAuth2Client { Id = Data.Id("public"), Type = ClientType.Public, RequirePkce = true };

        await store.SaveClientAsync(client, Ct);

        var found = await store.FindClientAsync(client.Id, Ct);
        RecordAssert.Equal(client, found);
        Rule.Absent(found!.SecretHash, "Client: round trips a minimal public client: found!.SecretHash must be null");
        Rule.Absent(found.Scopes, "Client: round trips a minimal public client: found.Scopes must be null");
        Rule.Absent(found.AccessTokenLifetime, "Client: round trips a minimal public client: found.AccessTokenLifetime must be null");
        Rule.Absent(found.RefreshTokenLifetime, "Client: round trips a minimal public client: found.RefreshTokenLifetime must be null");
    }

    [Fact]
    public async Task Client_NullScopesAndEmptyScopesStayDistinct()
    {
        var store = await NewStoreAsync();
        var unrestricted = Data.Client() with { Scopes = null };
        var noScopeAtAll = Data.Client() with { Scopes = [] };

        await store.SaveClientAsync(unrestricted, Ct);
        await store.SaveClientAsync(noScopeAtAll, Ct);

        Rule.Absent(Rule.Found(await store.FindClientAsync(unrestricted.Id, Ct), "FindClientAsync(unrestricted.Id) must be found").Scopes, "Client: null scopes and empty scopes stay distinct: FindClientAsync(unrestricted.Id).Scopes must be null");
        var empty = Rule.Found(await store.FindClientAsync(noScopeAtAll.Id, Ct), "FindClientAsync(noScopeAtAll.Id) must be found").Scopes;
        Rule.Empty(Rule.Found(empty, "Client: null scopes and empty scopes stay distinct: empty Scopes come back empty, not null"), "Client: null scopes and empty scopes stay distinct: empty Scopes come back empty");
    }

    [Fact]
    public async Task Client_WithNonAsciiIdRoundTrips()
    {
        var store = await NewStoreAsync();
        var client = Data.RichClient(Data.Id("client-" + TestData.UnicodeId));

        await store.SaveClientAsync(client, Ct);

        RecordAssert.Equal(client, await store.FindClientAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Client_UnknownIdIsNotFound()
    {
        var store = await NewStoreAsync();
        await store.SaveClientAsync(Data.Client(), Ct);

        Rule.Absent(await store.FindClientAsync(Data.Id("unknown"), Ct), "Client: unknown id is not found: FindClientAsync(Id('unknown')) must be null");
    }

    [Fact]
    public async Task Client_IdsDifferingOnlyInCaseAreDifferentClients()
    {
        var store = await NewStoreAsync();
        var suffix = Guid.NewGuid().ToString("N");
        var lower = Data.Client("app-" + suffix) with { RedirectUris = ["https://lower.example.com/cb"] };
        var upper = Data.Client("APP-" + suffix.ToUpperInvariant()) with { RedirectUris = ["https://upper.example.com/cb"], Type = ClientType.Public, SecretHash = null };

        await store.SaveClientAsync(lower, Ct);
        Rule.Absent(await store.FindClientAsync(upper.Id, Ct), "Client: ids differing only in case are different clients: FindClientAsync(upper.Id) must be null");
        await store.SaveClientAsync(upper, Ct);

        RecordAssert.Equal(lower, await store.FindClientAsync(lower.Id, Ct));
        RecordAssert.Equal(upper, await store.FindClientAsync(upper.Id, Ct));
        Rule.Absent(await store.FindClientAsync("App-" + suffix, Ct), "Client: ids differing only in case are different clients: FindClientAsync('App-' + suffix) must be null");

        Assert.True(await store.RemoveClientAsync(upper.Id, Ct));
        RecordAssert.Equal(lower, await store.FindClientAsync(lower.Id, Ct));
        Rule.Absent(await store.FindClientAsync(upper.Id, Ct), "Client: ids differing only in case are different clients: FindClientAsync(upper.Id) must be null");
    }

    [Fact]
    public async Task Client_SaveReplacesTheClientWithTheSameId()
    {
        var store = await NewStoreAsync();
        var original = Data.RichClient();
        await store.SaveClientAsync(original, Ct);

        var replacement = new OAuth2Client
        {
            Id = original.Id,
            Type = ClientType.Public,
            SecretHash = null,
            RedirectUris = ["https://new.example.com/cb"],
            Grants = [GrantTypes.AuthorizationCode],
            Scopes = null,
            AccessTokenLifetime = null,
            RefreshTokenLifetime = TimeSpan.FromHours(2),
            RequirePkce = false,
            Properties = new Dictionary<string, string> { ["only"] = "this" },
        };
        await store.SaveClientAsync(replacement, Ct);

        RecordAssert.Equal(replacement, await store.FindClientAsync(original.Id, Ct));
    }

    [Fact]
    public async Task Client_RemoveReportsWhetherItExisted()
    {
        var store = await NewStoreAsync();
        var client = Data.Client();
        var other = Data.Client();
        await store.SaveClientAsync(client, Ct);
        await store.SaveClientAsync(other, Ct);

        Assert.True(await store.RemoveClientAsync(client.Id, Ct));
        Rule.Absent(await store.FindClientAsync(client.Id, Ct), "Client: remove reports whether it existed: FindClientAsync(client.Id) must be null");
        Rule.True(!(await store.RemoveClientAsync(client.Id, Ct)), "Client: remove reports whether it existed: RemoveClientAsync(client.Id) must be false");
        Rule.True(!(await store.RemoveClientAsync(Data.Id("unknown"), Ct)), "Client: remove reports whether it existed: RemoveClientAsync(Id('unknown')) must be false");
        RecordAssert.Equal(other, await store.FindClientAsync(other.Id, Ct));
    }

    [Fact]
    public async Task Client_GeneratedSecretVerifiesAfterRoundTrip()
    {
        var store = await NewStoreAsync();
        var secret = ClientSecretHasher.GenerateSecret();
        var client = Data.Client() with { SecretHash = ClientSecretHasher.HashGeneratedSecret(secret) };
        Assert.StartsWith("sha256$", client.SecretHash, StringComparison.Ordinal);

        await store.SaveClientAsync(client, Ct);
        var found = await store.FindClientAsync(client.Id, Ct);

        Assert.True(ClientSecretHasher.Verify(secret, found!.SecretHash), "The right secret must verify against the stored hash.");
        Assert.False(ClientSecretHasher.Verify(secret + "x", found.SecretHash), "A wrong secret must not verify.");
        Assert.False(ClientSecretHasher.Verify(secret.ToUpperInvariant(), found.SecretHash), "Secrets are case-sensitive.");
    }

    [Fact]
    public async Task Client_ChosenSecretVerifiesAfterRoundTrip()
    {
        var store = await NewStoreAsync();
        const string secret = "correct horse battery staple — Zoë 🔐";
        var client = Data.Client() with { SecretHash = ClientSecretHasher.HashChosenSecret(secret, 1000) };
        Assert.StartsWith("pbkdf2-sha256$", client.SecretHash, StringComparison.Ordinal);

        await store.SaveClientAsync(client, Ct);
        var found = await store.FindClientAsync(client.Id, Ct);

        Assert.True(ClientSecretHasher.Verify(secret, found!.SecretHash), "The right secret must verify against the stored hash.");
        Assert.False(ClientSecretHasher.Verify("correct horse battery staple", found.SecretHash), "A wrong secret must not verify.");
    }
}
