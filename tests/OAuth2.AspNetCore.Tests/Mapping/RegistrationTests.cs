using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth2.Sample.Server;
using OAuth2.Storage;

namespace OAuth2.AspNetCore.Tests.Mapping;

/// <summary>The DI shape: options from configuration, storage and policy on the builder, clear start-up errors.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void InMemoryStorage_IsOneStoreBehindEveryStoreInterface_AndTheServerResolves()
    {
        var services = new ServiceCollection();
        services.AddOAuth2Server(o => o.GrantTypes.Remove(GrantTypes.Password)).AddInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IOAuth2Store>();
        Assert.Same(store, provider.GetRequiredService<IClientStore>());
        Assert.Same(store, provider.GetRequiredService<ITokenStore>());
        Assert.Same(provider.GetRequiredService<OAuth2Server>(), provider.GetRequiredService<OAuth2Server>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void WithoutStorage_ResolvingTheServerSaysWhatIsMissing()
    {
        var services = new ServiceCollection();
        services.AddOAuth2Server();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<OAuth2Server>());
        Assert.Contains("AddInMemoryStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordGrantWithoutGetUserPolicy_FailsAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddOAuth2Server().AddInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<OAuth2Server>());
        Assert.Contains("GetUser", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsBindFromConfiguration_AndAddStoreReplacesTheStore()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OAuth2:Realm"] = "Configured",
            ["OAuth2:AccessTokenLifetime"] = "00:10:00",
            ["OAuth2:RequirePkce"] = "true",
        }).Build();
        var mine = new OAuth2.Storage.InMemory.InMemoryStore();
        var services = new ServiceCollection();
        services.AddOAuth2Server(configuration.GetSection("OAuth2"))
            .AddInMemoryStorage()
            .AddStore(_ => mine)
            .AddPolicy(new StoreModelPolicy { GetUser = (_, _, _, _) => ValueTask.FromResult<OAuth2User?>(null) });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OAuth2ServerOptions>>().Value;
        Assert.Equal("Configured", options.Realm);
        Assert.Equal(TimeSpan.FromMinutes(10), options.AccessTokenLifetime);
        Assert.True(options.RequirePkce);
        Assert.Same(mine, provider.GetRequiredService<IClientStore>());
        Assert.NotNull(provider.GetRequiredService<OAuth2Server>());
    }

    [Fact]
    public void AddStore_ReplacesAStoreRegisteredDirectly_ForEveryStoreInterface()
    {
        var direct = new OAuth2.Storage.InMemory.InMemoryStore();
        var mine = new OAuth2.Storage.InMemory.InMemoryStore();
        var services = new ServiceCollection();
        services.AddSingleton<IOAuth2Store>(direct);
        services.AddSingleton<IClientStore>(direct);
        services.AddSingleton<ITokenStore>(direct);
        services.AddOAuth2Server(o => o.GrantTypes.Remove(GrantTypes.Password)).AddStore(_ => mine);
        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<IOAuth2Store>());
        Assert.Same(mine, provider.GetRequiredService<IClientStore>());
        Assert.Same(mine, provider.GetRequiredService<ITokenStore>());
        Assert.Same(mine, provider.GetRequiredService<IAuthorizationCodeStore>());
        Assert.Same(mine, provider.GetRequiredService<IDeviceAuthorizationStore>());
        Assert.Single(provider.GetServices<IClientStore>());
    }

    [Fact]
    public void Sample_UnknownStorage_StopsStartUpNamingTheValue()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SampleServer.BuildApp(["--urls=http://127.0.0.1:0", "--OAuth2:Storage=Nope"]));
        Assert.Contains("'Nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("InMemory", error.Message, StringComparison.Ordinal);
    }
}
