using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Driver;
using OAuth2.DependencyInjection;

namespace OAuth2.Storage.Mongo.Tests.DependencyInjection;

/// <summary>The DI registrations: one store behind every storage interface. Building a client does not connect, so no server is needed.</summary>
public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Connection_string_registration_serves_every_store_interface_with_one_store()
    {
        using var provider = new OAuth2ServerBuilder(new ServiceCollection()
                .AddSingleton<IFailedAttemptStore>(_ => throw new InvalidOperationException("the in-process default, replaced")))
            .AddMongoStorage("mongodb://127.0.0.1:1", "oauth", o => o.CollectionPrefix = "auth_")
            .Services.BuildServiceProvider();

        var store = provider.GetRequiredService<MongoOAuth2Store>();
        Assert.Same(store, provider.GetRequiredService<IOAuth2Store>());
        Assert.Same(store, provider.GetRequiredService<IClientStore>());
        Assert.Same(store, provider.GetRequiredService<ITokenStore>());
        Assert.Same(store, provider.GetRequiredService<IAuthorizationCodeStore>());
        Assert.Same(store, provider.GetRequiredService<IDeviceAuthorizationStore>());
        Assert.Same(store, provider.GetRequiredService<IExpiredDataPruner>());
        Assert.Same(store, Assert.Single(provider.GetServices<IFailedAttemptStore>()));
        Assert.Equal("auth_failed_attempts", store.FailedAttemptCounters.CollectionNamespace.CollectionName);
        Assert.Equal("oauth", store.Database.DatabaseNamespace.DatabaseName);
        Assert.Equal("auth_access_tokens", store.AccessTokens.CollectionNamespace.CollectionName);
    }

    [Fact]
    public void Database_factory_registration_uses_the_application_database_and_clock()
    {
        using var client = new MongoClient("mongodb://127.0.0.1:1");
        var database = client.GetDatabase("app");
        var time = new FakeTimeProvider();
        using var provider = new OAuth2ServerBuilder(new ServiceCollection().AddSingleton<TimeProvider>(time))
            .AddMongoStorage(_ => database)
            .Services.BuildServiceProvider();

        var store = provider.GetRequiredService<MongoOAuth2Store>();

        Assert.Same(database, store.Database);
        Assert.Equal("oauth2_clients", store.Clients.CollectionNamespace.CollectionName);
    }

    [Fact]
    public async Task Ensuring_indexes_through_the_provider_reaches_the_store()
    {
        await using var provider = new OAuth2ServerBuilder(new ServiceCollection())
            .AddMongoStorage("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", "oauth")
            .Services.BuildServiceProvider();

        await Assert.ThrowsAsync<StorageUnavailableException>(
            async () => await provider.EnsureOAuth2MongoIndexesAsync(TestContext.Current.CancellationToken));
    }
}
