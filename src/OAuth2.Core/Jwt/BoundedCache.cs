using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace OAuth2.Jwt;

/// <summary>
/// Imported key material kept by text, because importing a key (the curve-point check of an EC key, the parameters of
/// an RSA key) costs about as much as a signature check. Bounded the simple way: when full it starts again empty, so
/// a flood of distinct entries costs what it cost without the cache and memory never holds more than the capacity.
/// Entries are never disposed here: a request may still be verifying with one that was just dropped.
/// </summary>
internal sealed class BoundedCache<TValue>(int capacity)
    where TValue : class
{
    private ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);

    public int Count => Volatile.Read(ref _entries).Count;

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value) => Volatile.Read(ref _entries).TryGetValue(key, out value);

    /// <summary>Keeps <paramref name="value"/> unless another caller kept one under <paramref name="key"/> first; returns the one kept.</summary>
    public TValue GetOrAdd(string key, TValue value) => Room().GetOrAdd(key, value);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>, replacing what was there.</summary>
    public void Set(string key, TValue value) => Room()[key] = value;

    private ConcurrentDictionary<string, TValue> Room()
    {
        var entries = Volatile.Read(ref _entries);
        if (entries.Count < capacity)
        {
            return entries;
        }

        entries = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
        Volatile.Write(ref _entries, entries);
        return entries;
    }
}
