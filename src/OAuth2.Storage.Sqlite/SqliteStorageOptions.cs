using OAuth2.Storage.Relational;

namespace OAuth2.Storage.Sqlite;

/// <summary>Settings of the SQLite store: a durable embedded store for a single node.</summary>
public sealed class SqliteStorageOptions : RelationalStorageOptions
{
    /// <summary>
    /// How long a connection waits for the database's single writer lock (<c>PRAGMA busy_timeout</c>) before the
    /// operation fails with <see cref="StorageUnavailableException"/>.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public override void Validate()
    {
        base.Validate();
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("BusyTimeout must be between 0 and 10 minutes.", nameof(BusyTimeout));
        }
    }
}
