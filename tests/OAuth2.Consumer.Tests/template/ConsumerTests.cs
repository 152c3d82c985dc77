using System.Text;
using OAuth2;
using OAuth2.Clients;
using OAuth2.Http;
using OAuth2.Security;
using OAuth2.Storage;
using OAuth2.Storage.Conformance;
using OAuth2.Storage.InMemory;

namespace Consumer;

/// <summary>The store this project defines, plugged into the conformance suite from the package.</summary>
public sealed class DictionaryStoreFixture : StoreFixture
{
    public override ValueTask<IOAuth2Store> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
        => ValueTask.FromResult<IOAuth2Store>(new DictionaryStore(timeProvider));

    public override ValueTask<string?> DumpAsync(IOAuth2Store store, CancellationToken cancellationToken)
        => ValueTask.FromResult<string?>(((DictionaryStore)store).Dump());
}

public sealed class DictionaryStoreConformanceTests(DictionaryStoreFixture fixture)
    : StoreConformanceTests<DictionaryStoreFixture>(fixture);

public sealed class ServerFromPackagesTests
{
    [Fact]
    public async Task Composes_a_server_on_the_in_memory_store_issues_and_authenticates_a_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new InMemoryStore();
        await store.SaveClientAsync(new OAuth2Client
        {
            Id = "consumer",
            SecretHash = ClientSecretHasher.HashGeneratedSecret("consumer-secret"),
            Grants = [GrantTypes.ClientCredentials],
            Scopes = ["read"],
        }, ct);
        var options = new OAuth2ServerOptions();
        options.GrantTypes.ExceptWith([GrantTypes.Password]);
        var server = new OAuth2Server(new StoreBackedModel(store), options);

        var issued = await server.TokenAsync(new OAuth2Request
        {
            Method = "POST",
            Headers = ParameterCollection.From(
                [new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded"),
                 new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("consumer:consumer-secret")))],
                ignoreCase: true),
            Form = FormUrlEncoding.Parse("grant_type=client_credentials&scope=read"),
        }, ct);
        Assert.True(issued.Succeeded, issued.Error?.Description);

        var authenticated = await server.AuthenticateAsync(new OAuth2Request
        {
            Method = "GET",
            Headers = ParameterCollection.From([new KeyValuePair<string, string>("Authorization", "Bearer " + issued.Value.AccessToken)], ignoreCase: true),
        }, ["read"], ct);
        Assert.True(authenticated.Succeeded, authenticated.Error?.Description);
        Assert.Equal("consumer", authenticated.Value.ClientId);
    }
}
