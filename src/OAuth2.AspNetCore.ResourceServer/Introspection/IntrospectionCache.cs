using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>
/// Answers of the authorization server, keyed by the SHA-256 of the token, so a memory dump holds no usable bearer
/// credential. Bounded: at the size limit expired entries are swept once, and if it is still full the new answer
/// is simply not kept (the next request asks again), so a flood of distinct tokens costs calls, never memory. The
/// sweep runs at most once a second, so a flood while full does not cost a walk over the cache per request.
/// </summary>
internal sealed class IntrospectionCache(TimeProvider time, int sizeLimit)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    public int Count => _entries.Count;

    public static string Key(string token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(token);
        SHA256.HashData(bytes, digest);
        return Convert.ToBase64String(digest);
    }

    public bool TryGet(string key, out IntrospectionOutcome outcome)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > time.GetUtcNow())
            {
                outcome = entry.Outcome;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        outcome = null!;
        return false;
    }

    public void Set(string key, IntrospectionOutcome outcome, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            return;
        }

        if (_entries.Count >= sizeLimit && !_entries.ContainsKey(key))
        {
            var last = Interlocked.Read(ref _lastSweepTicks);
            if (now.UtcTicks - last < SweepInterval.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
            {
                return;
            }

            foreach (var (k, e) in _entries)
            {
                if (e.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(k, e));
                }
            }

            if (_entries.Count >= sizeLimit)
            {
                return;
            }
        }

        _entries[key] = new Entry(outcome, expiresAt);
    }

    private sealed record Entry(IntrospectionOutcome Outcome, DateTimeOffset ExpiresAt);
}
