using Dapper;
using Microsoft.Data.Sqlite;
using OAuth2.Storage.Relational.Tests.Store;
using OAuth2.Storage.Sqlite;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational.Tests.Sqlite;

/// <summary>What the SQLite package relies on: RETURNING support, WAL journaling, and writers that wait for the lock.</summary>
public sealed class SqliteEngineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oauth2-sqlite-engine-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_bundled_sqlite_supports_returning_and_the_schema_turns_on_wal()
    {
        await using var store = SqliteStorage.CreateStore(ConnectionString("wal.db"));
        await store.EnsureSchemaAsync(Ct);
        await using var connection = new SqliteConnection(ConnectionString("wal.db"));
        await connection.OpenAsync(Ct);

        var version = Version.Parse(await connection.ExecuteScalarAsync<string>("SELECT sqlite_version()") ?? "0.0");
        var journal = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");

        Assert.True(version >= new Version(3, 35), $"SQLite {version} has no UPDATE … RETURNING");
        Assert.Equal("wal", journal);
    }

    [Fact]
    public async Task Connections_carry_the_busy_timeout()
    {
        var factory = new SqliteConnectionFactory(ConnectionString("busy.db"), TimeSpan.FromMilliseconds(1234));
        await using var connection = await factory.OpenConnectionAsync(Ct);

        Assert.Equal(1234L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task A_redemption_waits_for_another_writer_and_still_wins()
    {
        await using var store = SqliteStorage.CreateStore(ConnectionString("wait.db"), new SqliteStorageOptions { BusyTimeout = TimeSpan.FromSeconds(10) });
        await store.EnsureSchemaAsync(Ct);
        var code = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(code, Samples.Code("g", DateTimeOffset.UtcNow.AddMinutes(5)), Ct);
        await using var blocker = new SqliteConnection(ConnectionString("wait.db"));
        await blocker.OpenAsync(Ct);
        using var transaction = blocker.BeginTransaction(deferred: false);

        var redemption = Task.Run(async () => await store.RedeemAuthorizationCodeAsync(code, DateTimeOffset.UtcNow, Ct), Ct);
        await Task.Delay(300, Ct);
        Assert.False(redemption.IsCompleted);
        await transaction.CommitAsync(Ct);

        Assert.Equal(RedemptionStatus.Redeemed, (await redemption).Status);
    }

    [Fact]
    public async Task A_lock_held_past_the_timeouts_makes_the_store_unavailable()
    {
        await using var store = SqliteStorage.CreateStore(
            ConnectionString("locked.db"),
            new SqliteStorageOptions { BusyTimeout = TimeSpan.FromMilliseconds(100), CommandTimeout = TimeSpan.FromSeconds(1) });
        await store.EnsureSchemaAsync(Ct);
        await using var blocker = new SqliteConnection(ConnectionString("locked.db"));
        await blocker.OpenAsync(Ct);
        using var transaction = blocker.BeginTransaction(deferred: false);

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
            await store.SaveAuthorizationCodeAsync(Samples.Digest(Samples.NewToken()), Samples.Code("g", DateTimeOffset.UtcNow.AddMinutes(5)), Ct));

        Assert.IsType<SqliteException>(failure.InnerException);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string ConnectionString(string file) => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, file) }.ToString();
}
