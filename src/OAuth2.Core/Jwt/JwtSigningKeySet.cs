namespace OAuth2.Jwt;

/// <summary>
/// The signing keys in force at one moment: the <see cref="Active"/> key signs new tokens; <see cref="Next"/> keys
/// are published ahead of use so resource servers' JWKS caches know them before they sign; <see cref="Retired"/> keys
/// are published and still accepted until the last token they signed has expired. A token is validated only with
/// the key its <c>kid</c> names: an unknown <c>kid</c> is refused, never tried against every key.
/// </summary>
/// <remarks>
/// A set is immutable. Built from fixed keys (configuration) it is its own <see cref="IJwtSigningKeyProvider"/>; a
/// rotating provider hands out a new set whenever a key activates, retires or is dropped.
/// </remarks>
public sealed class JwtSigningKeySet : IJwtSigningKeyProvider
{
    /// <summary>The JWKS <c>max-age</c> of a set of fixed keys: new keys arrive only with a configuration change.</summary>
    public static readonly TimeSpan DefaultJwksMaxAge = TimeSpan.FromHours(1);

    private readonly Dictionary<string, JwtSigningKey> _byKeyId;
    private IReadOnlyDictionary<string, object?>? _jwks;

    /// <summary>A set of fixed keys; a <c>kid</c> may appear only once across all three.</summary>
    public JwtSigningKeySet(JwtSigningKey active, IEnumerable<JwtSigningKey>? next = null, IEnumerable<JwtSigningKey>? retired = null)
    {
        ArgumentNullException.ThrowIfNull(active);
        Active = active;
        Next = [.. next ?? []];
        Retired = [.. retired ?? []];
        _byKeyId = new Dictionary<string, JwtSigningKey>(StringComparer.Ordinal);
        foreach (var key in Published)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(next));
            if (!_byKeyId.TryAdd(key.KeyId, key))
            {
                throw new ArgumentException($"Two signing keys share the kid '{key.KeyId}'.", nameof(next));
            }
        }
    }

    /// <summary>The key that signs new tokens.</summary>
    public JwtSigningKey Active { get; }

    /// <summary>Keys published ahead of their use.</summary>
    public IReadOnlyList<JwtSigningKey> Next { get; }

    /// <summary>Keys that no longer sign but still validate the tokens they signed.</summary>
    public IReadOnlyList<JwtSigningKey> Retired { get; }

    /// <summary>
    /// How long a resource server may cache the JWKS: shorter than the time a next key is published before it signs,
    /// so every cache has learned a key before the first token it signs arrives.
    /// </summary>
    public TimeSpan JwksMaxAge { get; init; } = DefaultJwksMaxAge;

    /// <summary>Every key the JWKS publishes: active, next, then retired.</summary>
    public IEnumerable<JwtSigningKey> Published => Next.Prepend(Active).Concat(Retired);

    /// <inheritdoc />
    public ValueTask<JwtSigningKeySet> GetSigningKeysAsync(CancellationToken cancellationToken) => ValueTask.FromResult(this);

    /// <summary>The published key named <paramref name="keyId"/>; the only key a token with that <c>kid</c> is checked with.</summary>
    public bool TryGetKey(string keyId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JwtSigningKey? key)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _byKeyId.TryGetValue(keyId, out key);
    }

    /// <summary>The public JWKS document (RFC 7517) of <see cref="Published"/>, built once per set.</summary>
    public IReadOnlyDictionary<string, object?> ToJsonWebKeySet() => _jwks ??= JsonWebKeySet.Create(Published);
}
