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
        var client = TestData.RichClient();

        await store.SaveClientAsync(client, Ct);

        RecordAssert.Equal(client, await store.FindClientAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Client_KeepsItsIntrospectionPermission()
    {
        // The permission lives in Properties (no schema of its own): it must survive every backend unchanged.
        var store = await NewStoreAsync();
        var resourceServer = TestData.Client() with
        {
            Properties = new Dictionary<string, string> { [ClientPermissions.IntrospectionProperty] = "true", ["name"] = "API" },
        };
        var ordinary = TestData.Client();

        await store.SaveClientAsync(resourceServer, Ct);
        await store.SaveClientAsync(ordinary, Ct);

        Assert.True(ClientPermissions.MayIntrospectAnyToken((await store.FindClientAsync(resourceServer.Id, Ct))!));
        Assert.False(ClientPermissions.MayIntrospectAnyToken((await store.FindClientAsync(ordinary.Id, Ct))!));
    }

    [Fact]
    public async Task Client_RoundTripsAMinimalPublicClient()
    {
        var store = await NewStoreAsync();
        var client = new OAuth2Client { Id = TestData.Id("public"), Type = ClientType.Public, RequirePkce = true };

        await store.SaveClientAsync(client, Ct);

        var found = await store.FindClientAsync(client.Id, Ct);
        RecordAssert.Equal(client, found);
        Assert.Null(found!.SecretHash);
        Assert.Null(found.Scopes);
        Assert.Null(found.AccessTokenLifetime);
        Assert.Null(found.RefreshTokenLifetime);
    }

    [Fact]
    public async Task Client_NullScopesAndEmptyScopesStayDistinct()
    {
        var store = await NewStoreAsync();
        var unrestricted = TestData.Client() with { Scopes = null };
        var noScopeAtAll = TestData.Client() with { Scopes = [] };

        await store.SaveClientAsync(unrestricted, Ct);
        await store.SaveClientAsync(noScopeAtAll, Ct);

        Assert.Null((await store.FindClientAsync(unrestricted.Id, Ct))!.Scopes);
        var empty = (await store.FindClientAsync(noScopeAtAll.Id, Ct))!.Scopes;
        Assert.NotNull(empty);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Client_WithNonAsciiIdRoundTrips()
    {
        var store = await NewStoreAsync();
        var client = TestData.RichClient(TestData.Id("client-" + TestData.UnicodeId));

        await store.SaveClientAsync(client, Ct);

        RecordAssert.Equal(client, await store.FindClientAsync(client.Id, Ct));
    }

    [Fact]
    public async Task Client_UnknownIdIsNotFound()
    {
        var store = await NewStoreAsync();
        await store.SaveClientAsync(TestData.Client(), Ct);

        Assert.Null(await store.FindClientAsync(TestData.Id("unknown"), Ct));
    }

    [Fact]
    public async Task Client_IdsDifferingOnlyInCaseAreDifferentClients()
    {
        var store = await NewStoreAsync();
        var suffix = Guid.NewGuid().ToString("N");
        var lower = TestData.Client("app-" + suffix) with { RedirectUris = ["https://lower.example.com/cb"] };
        var upper = TestData.Client("APP-" + suffix.ToUpperInvariant()) with { RedirectUris = ["https://upper.example.com/cb"], Type = ClientType.Public, SecretHash = null };

        await store.SaveClientAsync(lower, Ct);
        Assert.Null(await store.FindClientAsync(upper.Id, Ct));
        await store.SaveClientAsync(upper, Ct);

        RecordAssert.Equal(lower, await store.FindClientAsync(lower.Id, Ct));
        RecordAssert.Equal(upper, await store.FindClientAsync(upper.Id, Ct));
        Assert.Null(await store.FindClientAsync("App-" + suffix, Ct));

        Assert.True(await store.RemoveClientAsync(upper.Id, Ct));
        RecordAssert.Equal(lower, await store.FindClientAsync(lower.Id, Ct));
        Assert.Null(await store.FindClientAsync(upper.Id, Ct));
    }

    [Fact]
    public async Task Client_SaveReplacesTheClientWithTheSameId()
    {
        var store = await NewStoreAsync();
        var original = TestData.RichClient();
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
        var client = TestData.Client();
        var other = TestData.Client();
        await store.SaveClientAsync(client, Ct);
        await store.SaveClientAsync(other, Ct);

        Assert.True(await store.RemoveClientAsync(client.Id, Ct));
        Assert.Null(await store.FindClientAsync(client.Id, Ct));
        Assert.False(await store.RemoveClientAsync(client.Id, Ct));
        Assert.False(await store.RemoveClientAsync(TestData.Id("unknown"), Ct));
        RecordAssert.Equal(other, await store.FindClientAsync(other.Id, Ct));
    }

    [Fact]
    public async Task Client_GeneratedSecretVerifiesAfterRoundTrip()
    {
        var store = await NewStoreAsync();
        var secret = ClientSecretHasher.GenerateSecret();
        var client = TestData.Client() with { SecretHash = ClientSecretHasher.HashGeneratedSecret(secret) };
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
        var client = TestData.Client() with { SecretHash = ClientSecretHasher.HashChosenSecret(secret, 1000) };
        Assert.StartsWith("pbkdf2-sha256$", client.SecretHash, StringComparison.Ordinal);

        await store.SaveClientAsync(client, Ct);
        var found = await store.FindClientAsync(client.Id, Ct);

        Assert.True(ClientSecretHasher.Verify(secret, found!.SecretHash), "The right secret must verify against the stored hash.");
        Assert.False(ClientSecretHasher.Verify("correct horse battery staple", found.SecretHash), "A wrong secret must not verify.");
    }
}
