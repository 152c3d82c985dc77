using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OAuth2.DependencyInjection;
using OAuth2.Storage.Relational.Tests.Store;

namespace OAuth2.Storage.Relational.Tests.Unit;

/// <summary>The DI extensions register one store behind every store interface, using the container's clock.</summary>
public sealed class ServiceRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_registration_serves_every_store_interface_from_one_store_on_the_container_clock()
    {
        var folder = Directory.CreateTempSubdirectory("oauth2-di-").FullName;
        try
        {
            var clock = new FakeTimeProvider(Samples.Now);
            var services = new OAuth2ServerBuilder(new ServiceCollection()
                    .AddSingleton<TimeProvider>(clock)
                    .AddSingleton<IFailedAttemptStore>(_ => throw new InvalidOperationException("the in-process default, replaced")))
                .AddSqliteStorage($"Data Source={Path.Combine(folder, "di.db")}", o => o.TablePrefix = "oauth2_")
                .Services;
            await using (var provider = services.BuildServiceProvider())
            {
                var store = provider.GetRequiredService<RelationalOAuth2Store>();
                Assert.Same(store, provider.GetRequiredService<IOAuth2Store>());
                Assert.Same(store, provider.GetRequiredService<IClientStore>());
                Assert.Same(store, provider.GetRequiredService<ITokenStore>());
                Assert.Same(store, provider.GetRequiredService<IAuthorizationCodeStore>());
                Assert.Same(store, provider.GetRequiredService<IDeviceAuthorizationStore>());
                Assert.Same(store, provider.GetRequiredService<IExpiredDataPruner>());
                Assert.Same(store, Assert.Single(provider.GetServices<IFailedAttemptStore>()));
                Assert.Equal("\"oauth2_clients\"", store.Statements.Tables.Clients);

                await store.EnsureSchemaAsync(Ct);
                var digest = Samples.Digest(Samples.NewToken());
                await store.SaveAuthorizationCodeAsync(digest, Samples.Code("g", Samples.Now.AddSeconds(30)), Ct);
                Assert.NotNull(await store.FindAuthorizationCodeAsync(digest, Ct));
                clock.Advance(TimeSpan.FromSeconds(30));
                Assert.Null(await store.FindAuthorizationCodeAsync(digest, Ct));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Registrations_validate_options_up_front()
    {
        var services = new ServiceCollection();
        var builder = new OAuth2ServerBuilder(services);

        Assert.Throws<ArgumentException>(() => builder.AddSqlServerStorage("Server=x", o => o.Schema = "no such; schema"));
        Assert.Throws<ArgumentException>(() => builder.AddPostgreSqlStorage("Host=x", o => o.TablePrefix = "1x"));
        Assert.Throws<ArgumentException>(() => builder.AddSqliteStorage(" "));
        Assert.Empty(services);
    }
}
