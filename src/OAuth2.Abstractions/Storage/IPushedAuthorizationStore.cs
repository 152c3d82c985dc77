using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>
/// Persists pushed authorization requests (RFC 9126) under the <see cref="TokenDigest"/> of their <c>request_uri</c>,
/// so a leaked backend holds no usable reference. Single use is one atomic mark in the store.
/// </summary>
/// <remarks>
/// A store only reads and writes: the core checks the client, the expiry and the mark. A record may disappear once
/// its <see cref="PushedAuthorization.ExpiresAt"/> has passed (a TTL, or the pruner). A store that cannot reach its
/// backend throws <see cref="StorageUnavailableException"/>.
/// </remarks>
public interface IPushedAuthorizationStore
{
    /// <summary>Saves a new pushed request; the digest is fresh (256 random bits), so there is nothing to replace.</summary>
    ValueTask SavePushedAuthorizationAsync(TokenDigest digest, PushedAuthorization request, CancellationToken cancellationToken);

    /// <summary>Finds a pushed request, including one already consumed (then <see cref="PushedAuthorization.ConsumedAt"/> is set).</summary>
    ValueTask<PushedAuthorization?> FindPushedAuthorizationAsync(TokenDigest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically marks the request consumed if it is not already: exactly one of any number of concurrent callers
    /// gets <c>true</c>; an unknown or already consumed request gives <c>false</c>.
    /// </summary>
    ValueTask<bool> ConsumePushedAuthorizationAsync(TokenDigest digest, DateTimeOffset consumedAt, CancellationToken cancellationToken);
}
