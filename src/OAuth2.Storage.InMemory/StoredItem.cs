namespace OAuth2.Storage.InMemory;

/// <summary>
/// One saved item: its record plus what the store needs without touching the record (expiry, grant). The record
/// is replaced, never mutated, by a compare-and-swap on <see cref="Value"/>, which is what makes redemption atomic.
/// </summary>
internal sealed class StoredItem<T>(T value, string grantId, long expiresAtUtcTicks)
    where T : class
{
    /// <summary>The current record; written only through <see cref="System.Threading.Interlocked.CompareExchange{T}(ref T, T, T)"/>.</summary>
    public T Value = value;

    public string GrantId { get; } = grantId;

    /// <summary>UTC ticks of the expiry; <see cref="long.MaxValue"/> for an item that never expires.</summary>
    public long ExpiresAtUtcTicks { get; } = expiresAtUtcTicks;

    /// <summary>An item is expired from the instant its expiry is reached.</summary>
    public bool IsExpired(long nowUtcTicks) => nowUtcTicks >= ExpiresAtUtcTicks;
}
