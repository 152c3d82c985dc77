using System.Collections.Concurrent;
using System.Text.Json;
using OAuth2.Jwt;

namespace OAuth2.Dpop;

/// <summary>
/// Public keys taken from earlier proofs, by the exact text of the proof's <c>jwk</c> header member. A client signs
/// every proof with the same key, and importing a key (the curve-point check of an EC key, the parameters of an RSA
/// key) costs about as much as the signature check itself; the signature is still verified on every proof.
/// </summary>
/// <remarks>
/// Bounded: when full, the whole set is replaced by an empty one, so a flood of distinct keys costs what it cost
/// without the cache and never more memory than <see cref="Capacity"/> keys. Keys are never disposed here (a request
/// may still be verifying with one that was just dropped); their handles are released when they are collected.
/// Only keys that imported cleanly are kept, so a cached entry is a public key the importer accepted.
/// </remarks>
internal sealed class DpopProofKeyCache
{
    /// <summary>Distinct proof keys kept at once; beyond it the set starts again.</summary>
    public const int Capacity = 1024;

    /// <summary>Longer <c>jwk</c> texts are imported every time rather than kept (an RSA-8192 key is about 1.4 KB).</summary>
    private const int MaxKeyTextLength = 2048;

    private ConcurrentDictionary<string, JsonWebKey> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// The imported key of <paramref name="jwk"/>, from the cache or imported now; <c>false</c> when the member is not
    /// an acceptable public key (then nothing is kept).
    /// </summary>
    public bool TryGetOrImport(JsonElement jwk, out JsonWebKey? key)
    {
        var text = jwk.ValueKind == JsonValueKind.Object ? jwk.GetRawText() : null;
        var keys = Volatile.Read(ref _keys);
        if (text is not null && keys.TryGetValue(text, out key))
        {
            return true;
        }

        if (JsonWebKey.TryImport(jwk, out key) != JoseFailure.None || key is null)
        {
            key = null;
            return false;
        }

        if (text is not null && text.Length <= MaxKeyTextLength)
        {
            if (keys.Count >= Capacity)
            {
                keys = new ConcurrentDictionary<string, JsonWebKey>(StringComparer.Ordinal);
                Volatile.Write(ref _keys, keys);
            }

            key = keys.GetOrAdd(text, key);
        }

        return true;
    }

    /// <summary>How many keys are kept now (for tests).</summary>
    internal int Count => Volatile.Read(ref _keys).Count;
}
