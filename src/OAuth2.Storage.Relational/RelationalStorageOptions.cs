namespace OAuth2.Storage.Relational;

/// <summary>
/// Settings every relational dialect shares. Table names are built from validated identifiers only, so no option
/// ever reaches SQL text unchecked.
/// </summary>
public class RelationalStorageOptions
{
    /// <summary>Prepended to every table and index name (e.g. <c>oauth2_</c>); letters, digits and underscores only.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>How many times a read (a lookup) is attempted when the driver reports a transient fault. Writes are never retried.</summary>
    public int MaxReadAttempts { get; set; } = 3;

    /// <summary>Delay before the first read retry; each further retry waits one more multiple of it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Command timeout; <c>null</c> keeps the driver's default.</summary>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public virtual void Validate()
    {
        if (TablePrefix is null || (TablePrefix.Length > 0 && !SqlIdentifier.IsValid(TablePrefix)))
        {
            throw new ArgumentException($"TablePrefix '{TablePrefix}' must match {SqlIdentifier.Pattern} (or be empty).", nameof(TablePrefix));
        }

        if (MaxReadAttempts is < 1 or > 10)
        {
            throw new ArgumentException("MaxReadAttempts must be between 1 and 10.", nameof(MaxReadAttempts));
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException("RetryDelay must be between 0 and 10 seconds.", nameof(RetryDelay));
        }

        if (CommandTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromHours(1)))
        {
            throw new ArgumentException("CommandTimeout must be positive and at most one hour.", nameof(CommandTimeout));
        }
    }
}
