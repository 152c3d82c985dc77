using System.Collections.Concurrent;

namespace OAuth2.Storage;

/// <summary>
/// The used <c>jti</c>s of JWT bearer assertions, held in this process until each expires: atomic per key (of two
/// concurrent uses one wins), bounded in size (when full of unexpired entries a new assertion is refused, never
/// admitted unchecked).
/// </summary>
/// <remarks>
/// SEAM (issue #19): a shared single-use store contract (<c>OAuth2.Abstractions/Storage</c>) is being added; until it is
/// merged this cache serves a single server instance only. Several instances behind a load balancer need that store,
/// or an assertion could be replayed once per instance within its (short) lifetime.
/// </remarks>
internal sealed class ProcessReplayCache(TimeProvider timeProvider, int capacity = ProcessReplayCache.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<(string Issuer, string JwtId), DateTimeOffset> _used = new();
    private readonly Lock _pruning = new();

    public bool TryUse(string issuer, string jwtId, DateTimeOffset expiresAt)
    {
        var now = timeProvider.GetUtcNow();
        if (_used.Count >= capacity)
        {
            Prune(now);
            if (_used.Count >= capacity)
            {
                return false;
            }
        }

        // An entry is only ever pruned after its assertion expired, and the grant refuses an expired assertion
        // before asking here, so a pruned jti can never come back as valid.
        return _used.TryAdd((issuer, jwtId), expiresAt);
    }

    private void Prune(DateTimeOffset now)
    {
        lock (_pruning)
        {
            foreach (var entry in _used)
            {
                if (entry.Value <= now)
                {
                    _used.TryRemove(entry);
                }
            }
        }
    }
}
