using System.Data.Common;
using Microsoft.Data.Sqlite;
using OAuth2.Storage.Relational.Tests.Store;
using OAuth2.Storage.Sqlite;

namespace OAuth2.Storage.Relational.Tests.Unit;

/// <summary>
/// The retry policy on a real SQLite file whose connection factory fails the next N opens with a fault the dialect
/// calls transient: reads are retried a bounded number of times, writes never.
/// </summary>
public sealed class ReadRetryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oauth2-retry-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_is_retried_until_it_succeeds_within_the_attempts()
    {
        var (store, connections) = await CreateAsync(maxReadAttempts: 3);
        var digest = Samples.Digest(Samples.NewToken());
        await store.SaveAuthorizationCodeAsync(digest, Samples.Code("g", DateTimeOffset.UtcNow.AddMinutes(5)), Ct);

        connections.Reset();
        connections.FailNext(2);
        var found = await store.FindAuthorizationCodeAsync(digest, Ct);

        Assert.NotNull(found);
        Assert.Equal(3, connections.Opens);
    }

    [Fact]
    public async Task A_read_gives_up_after_the_last_attempt()
    {
        var (store, connections) = await CreateAsync(maxReadAttempts: 3);

        connections.FailNext(3);
        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(async () => await store.FindClientAsync("c", Ct));

        Assert.IsType<FlakyFault>(failure.InnerException);
        Assert.Equal(3, connections.Opens);
    }

    [Fact]
    public async Task A_write_is_never_retried()
    {
        var (store, connections) = await CreateAsync(maxReadAttempts: 5);
        var digest = Samples.Digest(Samples.NewToken());

        connections.FailNext(1);
        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
            await store.SaveAuthorizationCodeAsync(digest, Samples.Code("g", DateTimeOffset.UtcNow.AddMinutes(5)), Ct));

        Assert.Equal(1, connections.Opens);
        Assert.Null(await store.FindAuthorizationCodeAsync(digest, Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(RelationalOAuth2Store Store, FlakyConnections Connections)> CreateAsync(int maxReadAttempts)
    {
        var dialect = new FlakyDialect();
        var connections = new FlakyConnections(new SqliteConnectionFactory($"Data Source={Path.Combine(_folder, "retry.db")}", TimeSpan.FromSeconds(5)));
        var store = new RelationalOAuth2Store(
            dialect,
            RelationalTableNames.Create(dialect, null, string.Empty),
            connections,
            new RelationalStorageOptions { MaxReadAttempts = maxReadAttempts, RetryDelay = TimeSpan.Zero });
        await store.EnsureSchemaAsync(Ct);
        connections.Reset();
        return (store, connections);
    }

    private sealed class FlakyFault() : Exception("Injected transient fault.");

    /// <summary>SQLite's SQL, with the injected fault classified as transient and unavailable.</summary>
    private sealed class FlakyDialect : SqlDialect
    {
        private readonly SqliteDialect _sqlite = new();

        public override string Name => "flaky SQLite";

        public override bool SupportsSchemas => false;

        public override string SchemaScriptTemplate => _sqlite.SchemaScriptTemplate;

        // SQLite's batches too: run as one, the script stops at the first column an ALTER finds already there, and
        // every later column (dpop_jkt among them) would be missing.
        public override IReadOnlyList<string> SplitScript(string script) => _sqlite.SplitScript(script);

        public override bool IsAlreadyApplied(Exception exception) => _sqlite.IsAlreadyApplied(exception);

        public override string PruneExpired(string table, string expiryColumn) => _sqlite.PruneExpired(table, expiryColumn);

        public override bool IsTransient(Exception exception) => exception is FlakyFault;

        public override bool IsUnavailable(Exception exception) => exception is FlakyFault;
    }

    private sealed class FlakyConnections(IRelationalConnectionFactory inner) : IRelationalConnectionFactory
    {
        private int _failures;
        private int _opens;

        public int Opens => _opens;

        public void FailNext(int count) => _failures = count;

        public void Reset() => Interlocked.Exchange(ref _opens, 0);

        public ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opens);
            return Interlocked.Decrement(ref _failures) >= 0 ? throw new FlakyFault() : inner.OpenConnectionAsync(cancellationToken);
        }
    }
}
