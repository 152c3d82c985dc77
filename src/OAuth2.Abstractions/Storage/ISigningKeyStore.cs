namespace OAuth2.Storage;

/// <summary>
/// Holds the JWT signing keys every server instance signs with and publishes, so that instances behind one load
/// balancer share one key set and rotate it together. Keys are numbered by <see cref="StoredSigningKey.Generation"/>;
/// rotating is adding the next generation, and the store's only rule is that one generation is added once: when two
/// instances rotate at the same moment, exactly one insert wins and the other learns it lost.
/// </summary>
/// <remarks>
/// The store never sees a private key in the clear: <see cref="StoredSigningKey.ProtectedKey"/> is sealed by the
/// server's protector before it arrives, and the store keeps those bytes as they are. Every rule about which key is
/// active, published or dropped lives in the server; a store only reads, inserts once and deletes.
/// </remarks>
public interface ISigningKeyStore
{
    /// <summary>The longest <c>kid</c> a server stores (an RFC 7638 thumbprint is 43 characters).</summary>
    public const int MaxKeyIdLength = 128;

    /// <summary>Every stored key, in ascending <see cref="StoredSigningKey.Generation"/> order.</summary>
    ValueTask<IReadOnlyList<StoredSigningKey>> GetSigningKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="key"/> unless a key of the same generation is stored already, atomically: of concurrent
    /// calls for one generation exactly one returns <c>true</c>, and the stored key is that caller's.
    /// </summary>
    ValueTask<bool> TryAddSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken);

    /// <summary>Deletes the key of <paramref name="generation"/>; nothing happens when there is none.</summary>
    ValueTask RemoveSigningKeyAsync(long generation, CancellationToken cancellationToken);
}

/// <summary>One stored signing key: its public name and algorithm, its private key sealed by the server, and its schedule.</summary>
public sealed record StoredSigningKey
{
    /// <summary>The key's position in the rotation, from 1; a newer key has a larger generation.</summary>
    public required long Generation { get; init; }

    /// <summary>The <c>kid</c> tokens carry and the JWKS publishes.</summary>
    public required string KeyId { get; init; }

    /// <summary>The JWS algorithm: <c>ES256</c>, <c>RS256</c> or <c>PS256</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The private key as sealed by the server's protector; opaque to the store, never the key in the clear.</summary>
    public required byte[] ProtectedKey { get; init; }

    /// <summary>When the key was made (and published).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key starts signing; it retires when the next generation activates.</summary>
    public required DateTimeOffset ActivatesAt { get; init; }
}

/// <summary>Argument checks every <see cref="ISigningKeyStore"/> makes the same way, for the built-in stores and for yours.</summary>
public static class SigningKeyArguments
{
    /// <summary>Rejects a key a backend could not hold exactly: a generation below 1, an empty or over-long or non-ASCII <c>kid</c> or algorithm, no key bytes.</summary>
    public static void ThrowIfInvalid(StoredSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Generation, 1, nameof(key));
        ThrowIfNotPrintable(key.KeyId, ISigningKeyStore.MaxKeyIdLength, nameof(key));
        ThrowIfNotPrintable(key.Algorithm, 16, nameof(key));
        if (key.ProtectedKey is null || key.ProtectedKey.Length == 0)
        {
            throw new ArgumentException("A signing key has protected key bytes.", nameof(key));
        }
    }

    private static void ThrowIfNotPrintable(string value, int maxLength, string paramName)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            throw new ArgumentException($"A signing key's kid and algorithm have 1 to {maxLength} characters.", paramName);
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                throw new ArgumentException("A signing key's kid and algorithm are printable ASCII without spaces.", paramName);
            }
        }
    }
}
