namespace OAuth2.Storage;

/// <summary>
/// Counts failed authentication attempts (a wrong client secret, a wrong password) under a key, so that throttling
/// holds across every server instance that shares the backend. Counting is a fixed window that opens at the first
/// failure: an attacker cannot keep a window open forever, and a legitimate caller is let back in when it ends.
/// </summary>
/// <remarks>
/// Keys are built by the throttle (from a client id, a username, a remote address) and are opaque to the store:
/// at most <see cref="MaxKeyLength"/> printable ASCII characters, never a secret. Every rule about what a count means
/// lives in the throttle; a store only counts atomically and forgets a window once it has ended.
/// </remarks>
public interface IFailedAttemptStore
{
    /// <summary>The longest key a throttle passes, so a store can size its column or key space.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>
    /// Atomically adds one failure under <paramref name="key"/> and returns the count of the window it landed in. A
    /// window that ended at or before <paramref name="now"/> is replaced by one that opens at <paramref name="now"/>
    /// and ends <paramref name="window"/> later. Concurrent calls never lose a failure.
    /// </summary>
    ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The failures counted under <paramref name="key"/> in the window current at <paramref name="now"/>; <see cref="FailedAttempts.None"/> when there is none.</summary>
    ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets the failures under <paramref name="key"/>, as after a successful authentication.</summary>
    ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken);
}

/// <summary>How many failures a key has in its current window, and when that window ends.</summary>
/// <param name="Count">Failures counted in the window; 0 when there is no current window.</param>
/// <param name="WindowEndsAt">When the window ends and the count drops to 0; <see cref="DateTimeOffset.MinValue"/> when there is none.</param>
public readonly record struct FailedAttempts(long Count, DateTimeOffset WindowEndsAt)
{
    /// <summary>No failure in a current window.</summary>
    public static FailedAttempts None => new(0, DateTimeOffset.MinValue);
}
