using System.Net;
using System.Net.Sockets;
using OAuth2.Storage.PostgreSql;
using OAuth2.Storage.Sqlite;
using OAuth2.Storage.SqlServer;

namespace OAuth2.Storage.Relational.Tests.Unit;

/// <summary>A backend that cannot be reached surfaces as <see cref="StorageUnavailableException"/>, for reads and writes.</summary>
public sealed class UnavailableBackendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgreSql_without_a_server_is_unavailable()
    {
        await using var store = PostgreSqlStorage.CreateStore(
            $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Timeout=2",
            new PostgreSqlStorageOptions { MaxReadAttempts = 2, RetryDelay = TimeSpan.Zero });

        await AssertUnavailableAsync(store);
    }

    [Fact]
    public async Task SqlServer_without_a_server_is_unavailable()
    {
        await using var store = SqlServerStorage.CreateStore(
            $"Server=tcp:127.0.0.1,{ClosedPort()};Connect Timeout=2;ConnectRetryCount=0;Encrypt=false",
            new SqlServerStorageOptions { MaxReadAttempts = 1 });

        await AssertUnavailableAsync(store);
    }

    [Fact]
    public async Task Sqlite_whose_file_cannot_be_opened_is_unavailable()
    {
        var missingFolder = Path.Combine(Path.GetTempPath(), "oauth2-missing-" + Guid.NewGuid().ToString("N"), "store.db");
        await using var store = SqliteStorage.CreateStore($"Data Source={missingFolder}", new SqliteStorageOptions { RetryDelay = TimeSpan.Zero });

        await AssertUnavailableAsync(store);
    }

    private static async Task AssertUnavailableAsync(RelationalOAuth2Store store)
    {
        var digest = TokenDigest.Compute("t");
        var read = await Assert.ThrowsAsync<StorageUnavailableException>(async () => await store.FindAccessTokenAsync(digest, Ct));
        var write = await Assert.ThrowsAsync<StorageUnavailableException>(async () => await store.RevokeTokensOfGrantAsync("g", Ct));
        var schema = await Assert.ThrowsAsync<StorageUnavailableException>(async () => await store.EnsureSchemaAsync(Ct));
        var deviceRead = await Assert.ThrowsAsync<StorageUnavailableException>(async () => await store.FindDeviceCodeByUserCodeAsync(digest, Ct));
        var deviceSave = await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
            await store.SaveDeviceAuthorizationAsync(digest, TokenDigest.Compute("u"), Store.Samples.Device(DateTimeOffset.UtcNow.AddMinutes(20)), Ct));
        Assert.NotNull(deviceRead.InnerException);
        Assert.NotNull(deviceSave.InnerException);
        Assert.NotNull(read.InnerException);
        Assert.NotNull(write.InnerException);
        Assert.NotNull(schema.InnerException);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
