using System.Security.Cryptography;

namespace OAuth2.Jwt;

/// <summary>
/// The key that signs JWT access tokens: an ECDSA P-256 key (<c>ES256</c>) or an RSA key of at least 2048 bits
/// (<c>RS256</c>), with the <c>kid</c> resource servers use to pick it from the JWKS.
/// </summary>
public sealed class JwtSigningKey
{
    private JwtSigningKey(string keyId, string algorithm, ECDsa? ecdsa, RSA? rsa)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        Ecdsa = ecdsa;
        Rsa = rsa;
    }

    public string KeyId { get; }

    /// <summary><c>ES256</c> or <c>RS256</c>.</summary>
    public string Algorithm { get; }

    internal ECDsa? Ecdsa { get; }

    internal RSA? Rsa { get; }

    /// <summary>An ES256 key; the key must be on the P-256 curve.</summary>
    public static JwtSigningKey FromEcdsa(ECDsa key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (key.KeySize != 256)
        {
            throw new ArgumentException("ES256 needs a P-256 key.", nameof(key));
        }

        return new JwtSigningKey(keyId, "ES256", key, null);
    }

    /// <summary>An RS256 key of at least 2048 bits.</summary>
    public static JwtSigningKey FromRsa(RSA key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (key.KeySize < 2048)
        {
            throw new ArgumentException("RS256 needs a key of at least 2048 bits.", nameof(key));
        }

        return new JwtSigningKey(keyId, "RS256", null, key);
    }

    internal byte[] Sign(ReadOnlySpan<byte> data) => JwsAlgorithm.Sign(Algorithm, Ecdsa, Rsa, data);

    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => JwsAlgorithm.Verify(Algorithm, Ecdsa, Rsa, data, signature);
}
