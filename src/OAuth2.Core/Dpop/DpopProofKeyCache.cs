using System.Text.Json;
using OAuth2.Jwt;

namespace OAuth2.Dpop;

/// <summary>
/// Public keys taken from earlier proofs, by the exact text of the proof's <c>jwk</c> header member. A client signs
/// every proof with the same key, and importing a key (the curve-point check of an EC key, the parameters of an RSA
/// key) costs about as much as the signature check itself; the signature is still verified on every proof.
/// </summary>
/// <remarks>
/// Bounded by <see cref="BoundedCache{TValue}"/> at <see cref="Capacity"/> keys. Keys that were kept are never
/// disposed (their handles are released when they are collected); a key that is not kept (its text too long, or a
/// copy another request kept first) is disposed once its check is done.
/// Only keys that imported cleanly are kept, so a cached entry is a public key the importer accepted.
/// </remarks>
internal sealed class DpopProofKeyCache
{
    /// <summary>Distinct proof keys kept at once; beyond it the set starts again.</summary>
    public const int Capacity = 1024;

    /// <summary>Longer <c>jwk</c> texts are imported every time rather than kept (an RSA-8192 key is about 1.4 KB).</summary>
    private const int MaxKeyTextLength = 2048;

    private readonly BoundedCache<JsonWebKey> _keys = new(Capacity);

    /// <summary>
    /// The imported key of <paramref name="jwk"/>, from the cache or imported now; <c>false</c> when the member is not
    /// an acceptable public key (then nothing is kept). <paramref name="owned"/> says the key was not kept, so the
    /// caller disposes it once the signature is checked.
    /// </summary>
    public bool TryGetOrImport(JsonElement jwk, out JsonWebKey? key, out bool owned)
    {
        owned = false;
        var text = jwk.ValueKind == JsonValueKind.Object ? jwk.GetRawText() : null;
        if (text is not null && _keys.TryGet(text, out key))
        {
            return true;
        }

        if (JsonWebKey.TryImport(jwk, out key) != JoseFailure.None || key is null)
        {
            key = null;
            return false;
        }

        if (text is null || text.Length > MaxKeyTextLength)
        {
            owned = true;
            return true;
        }

        var kept = _keys.GetOrAdd(text, key);
        if (!ReferenceEquals(kept, key))
        {
            // Another request imported the same key first: this copy was never shared.
            Dispose(key);
            key = kept;
        }

        return true;
    }

    /// <summary>Releases a key's native handle.</summary>
    public static void Dispose(JsonWebKey key)
    {
        key.Ecdsa?.Dispose();
        key.Rsa?.Dispose();
    }

    /// <summary>How many keys are kept now (for tests).</summary>
    internal int Count => _keys.Count;
}
