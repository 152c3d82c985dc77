using Microsoft.Extensions.DependencyInjection;
using OAuth2.Clients;
using OAuth2.DependencyInjection;
using OAuth2.Sample.Server;
using OAuth2.Storage;
using OAuth2.Storage.Caching;
using OAuth2.Storage.InMemory;

namespace OAuth2.AspNetCore.Tests.Mapping;

/// <summary><c>AddClientCache</c>: off by default, wraps whatever store is registered, one cache behind every store interface, clear order errors.</summary>
public sealed class ClientCacheRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OAuth2ServerBuilder NewServer(IServiceCollection services)
        => services.AddOAuth2Server(o => o.GrantTypes.Remove(GrantTypes.Password));

    [Fact]
    public void Without_AddClientCache_the_store_is_not_wrapped()
    {
        var services = new ServiceCollection();
        NewServer(services).AddInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryStore>(provider.GetRequiredService<IOAuth2Store>());
    }

    [Fact]
    public void The_cache_wraps_the_storage_and_is_the_one_store_behind_every_interface()
    {
        var services = new ServiceCollection();
        NewServer(services).AddInMemoryStorage().AddClientCache(TimeSpan.FromSeconds(30));
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<CachingClientStore>(provider.GetRequiredService<IOAuth2Store>());
        Assert.Same(store, provider.GetRequiredService<IClientStore>());
        Assert.Same(store, provider.GetRequiredService<ITokenStore>());
        Assert.Same(store, provider.GetRequiredService<IAuthorizationCodeStore>());
        Assert.Same(store, provider.GetRequiredService<IDeviceAuthorizationStore>());
        Assert.Single(provider.GetServices<IClientStore>());
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<ClientCacheOptions>().Duration);
        Assert.NotNull(provider.GetRequiredService<OAuth2Server>());
    }

    [Fact]
    public async Task A_store_registered_directly_is_wrapped_and_a_save_through_IClientStore_reaches_the_cache()
    {
        // The shape storage packages use: the concrete store, and each interface pointing at it rather than at IOAuth2Store.
        var services = new ServiceCollection();
        services.AddSingleton<InMemoryStore>();
        services.AddSingleton<IOAuth2Store>(sp => sp.GetRequiredService<InMemoryStore>());
        services.AddSingleton<IClientStore>(sp => sp.GetRequiredService<InMemoryStore>());
        NewServer(services).AddClientCache(TimeSpan.FromMinutes(5));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IOAuth2Store>();
        var clients = provider.GetRequiredService<IClientStore>();

        await clients.SaveClientAsync(new OAuth2Client { Id = "app", RedirectUris = ["https://old.example.com/cb"] }, Ct);
        await store.FindClientAsync("app", Ct);
        await clients.SaveClientAsync(new OAuth2Client { Id = "app", RedirectUris = ["https://new.example.com/cb"] }, Ct);

        Assert.IsType<CachingClientStore>(store);
        Assert.Same(store, clients);
        Assert.Equal(["https://new.example.com/cb"], (await store.FindClientAsync("app", Ct))!.RedirectUris);
        Assert.Same(provider.GetRequiredService<InMemoryStore>(), provider.GetRequiredKeyedService<IOAuth2Store>("OAuth2.ClientCache.InnerStore"));
    }

    [Fact]
    public void Calling_it_twice_wraps_once_and_the_last_settings_win()
    {
        var services = new ServiceCollection();
        NewServer(services).AddInMemoryStorage().AddClientCache(TimeSpan.FromSeconds(30)).AddClientCache(TimeSpan.FromSeconds(5), maxEntries: 10);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<CachingClientStore>(provider.GetRequiredService<IOAuth2Store>());
        Assert.IsType<InMemoryStore>(provider.GetRequiredKeyedService<IOAuth2Store>("OAuth2.ClientCache.InnerStore"));
        Assert.Equal(new ClientCacheOptions { Duration = TimeSpan.FromSeconds(5), MaxEntries = 10 }, provider.GetRequiredService<ClientCacheOptions>());
    }

    [Fact]
    public void Before_any_storage_it_says_to_call_it_after()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => NewServer(services).AddClientCache(TimeSpan.FromSeconds(30)));
        Assert.Contains("after the storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_storage_registered_after_it_fails_when_the_server_is_resolved()
    {
        var services = new ServiceCollection();
        NewServer(services).AddInMemoryStorage().AddClientCache(TimeSpan.FromSeconds(30)).AddStore(_ => new InMemoryStore());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<OAuth2Server>());
        Assert.Contains("AddClientCache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_duration_is_rejected()
    {
        var builder = NewServer(new ServiceCollection()).AddInMemoryStorage();

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddClientCache(TimeSpan.Zero));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("0", false)]
    [InlineData("30", true)]
    public async Task The_sample_turns_the_cache_on_by_configuration(string? seconds, bool cached)
    {
        string[] args = seconds is null
            ? ["--urls=http://127.0.0.1:0"]
            : ["--urls=http://127.0.0.1:0", "--OAuth2:ClientCacheSeconds=" + seconds];
        await using var app = SampleServer.BuildApp(args);

        Assert.Equal(cached, app.Services.GetRequiredService<IOAuth2Store>() is CachingClientStore);
    }
}
