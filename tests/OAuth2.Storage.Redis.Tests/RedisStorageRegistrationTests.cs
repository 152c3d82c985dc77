using Microsoft.Extensions.DependencyInjection;
using OAuth2.DependencyInjection;
using OAuth2.Storage.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace OAuth2.Storage.Redis.Tests;

/// <summary>The DI registration: one store instance behind all five interfaces, on the app's or its own connection.</summary>
public sealed class RedisStorageRegistrationTests(RedisSingleNodeFixture fixture) : IClassFixture<RedisSingleNodeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_string_registers_one_store_behind_every_interface()
    {
        var services = new ServiceCollection();
        new OAuth2ServerBuilder(services).AddRedisStorage(fixture.Configuration, o => o.KeyPrefix = "di-" + Guid.NewGuid().ToString("N") + ":");
        IConnectionMultiplexer connection;
        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IOAuth2Store>();
            Assert.IsType<RedisOAuth2Store>(store);
            Assert.Same(store, provider.GetRequiredService<IClientStore>());
            Assert.Same(store, provider.GetRequiredService<ITokenStore>());
            Assert.Same(store, provider.GetRequiredService<IAuthorizationCodeStore>());
            Assert.Same(store, provider.GetRequiredService<IDeviceAuthorizationStore>());
            Assert.Same(store, provider.GetRequiredService<IFailedAttemptStore>());
            Assert.StartsWith("di-", ((RedisOAuth2Store)store).Options.KeyPrefix, StringComparison.Ordinal);

            await store.SaveClientAsync(Samples.Client("di-client"), Ct);
            Assert.NotNull(await store.FindClientAsync("di-client", Ct));
            connection = provider.GetRequiredService<RedisConnectionOwner>().Connection;
            Assert.True(connection.IsConnected);
        }

        // The connection the registration opened is closed with the provider.
        Assert.False(connection.IsConnected);
    }

    [Fact]
    public async Task A_factory_uses_the_apps_connection_and_never_disposes_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton(fixture.Redis);
        services.AddSingleton<IOAuth2Store>(_ => throw new InvalidOperationException("replaced"));
        services.AddSingleton<IFailedAttemptStore>(_ => throw new InvalidOperationException("the in-process default, replaced"));
        new OAuth2ServerBuilder(services).AddRedisStorage(sp => sp.GetRequiredService<IConnectionMultiplexer>());
        await using (var provider = services.BuildServiceProvider())
        {
            var store = Assert.IsType<RedisOAuth2Store>(provider.GetRequiredService<IOAuth2Store>());
            Assert.Equal("oauth2:", store.Options.KeyPrefix);
            Assert.Same(store, Assert.Single(provider.GetServices<IFailedAttemptStore>()));
            Assert.Null(await store.FindAccessTokenAsync(TokenDigest.Compute(Samples.NewValue()), Ct));
        }

        Assert.True(fixture.Redis.IsConnected);
    }

    [Fact]
    public async Task Connection_options_are_used_as_given_and_the_connection_is_owned()
    {
        var options = ConfigurationOptions.Parse(fixture.Configuration);
        options.SocketManager = SocketManager.ThreadPool;
        options.ClientName = "oauth2-di-" + Guid.NewGuid().ToString("N")[..8];
        var services = new ServiceCollection();
        services.AddOAuth2Server(o => o.GrantTypes.Remove(GrantTypes.Password)).AddRedisStorage(options, o => o.KeyPrefix = "di-opt-" + Guid.NewGuid().ToString("N") + ":");
        options.ClientName = "changed-after-registration";
        IConnectionMultiplexer connection;
        await using (var provider = services.BuildServiceProvider())
        {
            var store = Assert.IsType<RedisOAuth2Store>(provider.GetRequiredService<IOAuth2Store>());
            await store.SaveClientAsync(Samples.Client("di-opt-client"), Ct);
            Assert.NotNull(await store.FindClientAsync("di-opt-client", Ct));
            var owner = provider.GetRequiredService<RedisConnectionOwner>();
            Assert.Same(SocketManager.ThreadPool, owner.Configuration.SocketManager);
            connection = owner.Connection;
            Assert.StartsWith("oauth2-di-", connection.ClientName, StringComparison.Ordinal);
        }

        Assert.False(connection.IsConnected);
    }
}
