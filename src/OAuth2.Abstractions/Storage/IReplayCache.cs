namespace OAuth2.Storage;

/// <summary>
/// Remembers one-time values (a client assertion's <c>jti</c>, a DPoP proof's <c>jti</c>, a JWT bearer grant's
/// <c>jti</c>) until they expire, so each is accepted once across every server instance that shares the backend.
/// </summary>
/// <remarks>
/// Keys are built by the core (a kind prefix and a hash of the issuer and the value): at most
/// <see cref="MaxKeyLength"/> printable ASCII characters, never a credential. The core writes a key only after the
/// signature over it verified, so only registered clients add entries. The store's one rule: of any number of
/// concurrent <see cref="TryAddAsync"/> calls for a key that is absent or expired, exactly one returns <c>true</c>.
/// </remarks>
public interface IReplayCache
{
    /// <summary>The longest key the core passes, so a store can size its column or key space.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>
    /// Atomically records <paramref name="key"/> until <paramref name="expiresAt"/>. <c>true</c> when this call recorded
    /// it (the key was absent, or held an entry that expired at or before <paramref name="now"/>); <c>false</c> when an
    /// unexpired entry was already there, i.e. the value is being replayed.
    /// </summary>
    ValueTask<bool> TryAddAsync(string key, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Argument checks every <see cref="IReplayCache"/> makes the same way, for the built-in caches and for yours.</summary>
public static class ReplayCacheArguments
{
    /// <summary>
    /// Rejects a key that is empty, longer than <see cref="IReplayCache.MaxKeyLength"/> or not printable ASCII, so every
    /// backend stores it whole and compares it byte for byte.
    /// </summary>
    public static void ThrowIfInvalidKey(string key) => FailedAttemptArguments.ThrowIfInvalidKey(key, IReplayCache.MaxKeyLength, "A replay cache key");
}
