using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Dpop;

/// <summary>
/// Remembers the <c>jti</c> of every accepted proof until it could no longer be fresh, so a proof is single use
/// (RFC 9449 section 11.1). A proof is remembered under a digest of its key thumbprint and <c>jti</c>: fixed length,
/// and two clients choosing the same <c>jti</c> never collide.
/// </summary>
internal sealed class DpopReplayGuard
{
    private readonly Func<string, DateTimeOffset, CancellationToken, ValueTask<bool>> _tryUse;

    /// <param name="tryUse">Marks a key used until an instant; <c>true</c> only for the first caller, atomically.</param>
    public DpopReplayGuard(Func<string, DateTimeOffset, CancellationToken, ValueTask<bool>> tryUse) => _tryUse = tryUse;

    /// <summary>Whether this is the first use of <paramref name="jti"/> with this key; records it until <paramref name="expiresAt"/>.</summary>
    public ValueTask<bool> TryUseAsync(string thumbprint, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => _tryUse(Key(thumbprint, jti), expiresAt, cancellationToken);

    /// <summary>
    /// A guard for one process, for servers built without a shared replay store: a replay to another instance is
    /// then not recognised. Expired entries are swept as new ones arrive, so memory stays bounded by the proof rate.
    /// </summary>
    public static DpopReplayGuard InProcess(TimeProvider timeProvider)
    {
        var seen = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var sweepAt = new long[1];
        return new DpopReplayGuard((key, expiresAt, _) =>
        {
            var now = timeProvider.GetUtcNow();
            if (now.UtcTicks >= Interlocked.Read(ref sweepAt[0]))
            {
                Interlocked.Exchange(ref sweepAt[0], (now + TimeSpan.FromSeconds(10)).UtcTicks);
                foreach (var (k, until) in seen)
                {
                    if (until <= now)
                    {
                        seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(k, until));
                    }
                }
            }

            var added = seen.TryAdd(key, expiresAt)
                || (seen.TryGetValue(key, out var previous) && previous <= now && seen.TryUpdate(key, expiresAt, previous));
            return ValueTask.FromResult(added);
        });
    }

    private static string Key(string thumbprint, string jti)
        => "dpop:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprint + " " + jti)));
}
