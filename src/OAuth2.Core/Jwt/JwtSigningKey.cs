using System.Security.Cryptography;

namespace OAuth2.Jwt;

/// <summary>
/// A key that signs JWT access tokens: an ECDSA P-256 key (<c>ES256</c>) or an RSA key of at least 2048 bits
/// (<c>RS256</c> or <c>PS256</c>), with the <c>kid</c> resource servers use to pick it from the JWKS.
/// </summary>
/// <remarks>
/// The overloads without a <c>keyId</c> use the key's RFC 7638 JWK thumbprint: it names the key itself, so every
/// instance that loads the same key derives the same <c>kid</c>, and two different keys never share one.
/// </remarks>
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

    /// <summary><c>ES256</c>, <c>RS256</c> or <c>PS256</c>.</summary>
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

        return new JwtSigningKey(keyId, JwtAlgorithms.ES256, key, null);
    }

    /// <summary>An RS256 key of at least 2048 bits.</summary>
    public static JwtSigningKey FromRsa(RSA key, string keyId) => FromRsa(key, keyId, JwtAlgorithms.RS256);

    /// <summary>An ES256 key whose <c>kid</c> is its RFC 7638 JWK thumbprint.</summary>
    public static JwtSigningKey FromEcdsa(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return FromEcdsa(key, JwkThumbprint.Compute(key));
    }

    /// <summary>
    /// An RSA key of at least 2048 bits for <paramref name="algorithm"/> (<c>RS256</c> or <c>PS256</c>); the
    /// <c>kid</c> is the key's RFC 7638 JWK thumbprint when <paramref name="keyId"/> is <c>null</c>.
    /// </summary>
    public static JwtSigningKey FromRsa(RSA key, string? keyId, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (algorithm is not (JwtAlgorithms.RS256 or JwtAlgorithms.PS256))
        {
            throw new ArgumentException("An RSA key signs RS256 or PS256.", nameof(algorithm));
        }

        if (key.KeySize < 2048)
        {
            throw new ArgumentException($"{algorithm} needs a key of at least 2048 bits.", nameof(key));
        }

        if (keyId is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(keyId);
        }

        return new JwtSigningKey(keyId ?? JwkThumbprint.Compute(key), algorithm, null, key);
    }

    /// <summary>A fresh key for <paramref name="algorithm"/>, named by its thumbprint (RSA keys are 2048 bits).</summary>
    internal static JwtSigningKey Generate(string algorithm) => algorithm switch
    {
        JwtAlgorithms.ES256 => FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        JwtAlgorithms.RS256 or JwtAlgorithms.PS256 => FromRsa(RSA.Create(2048), null, algorithm),
        _ => throw new ArgumentException($"Unsupported signing algorithm '{algorithm}'.", nameof(algorithm)),
    };

    /// <summary>The private key as PKCS#8, for a protector to seal before it is stored.</summary>
    internal byte[] ExportPkcs8PrivateKey()
        => Ecdsa is not null ? Ecdsa.ExportPkcs8PrivateKey() : Rsa!.ExportPkcs8PrivateKey();

    /// <summary>Reads back a PKCS#8 private key written by <see cref="ExportPkcs8PrivateKey"/>.</summary>
    internal static JwtSigningKey ImportPkcs8(ReadOnlySpan<byte> pkcs8, string keyId, string algorithm)
    {
        if (algorithm == JwtAlgorithms.ES256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return FromEcdsa(ecdsa, keyId);
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return FromRsa(rsa, keyId, algorithm);
    }

    internal byte[] Sign(ReadOnlySpan<byte> data) => JwsAlgorithm.Sign(Algorithm, Ecdsa, Rsa, data);

    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => JwsAlgorithm.Verify(Algorithm, Ecdsa, Rsa, data, signature);
}
