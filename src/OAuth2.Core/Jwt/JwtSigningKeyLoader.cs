using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OAuth2.Jwt;

/// <summary>
/// Loads signing keys from what operators keep them in: PEM files (PKCS#8 <c>PRIVATE KEY</c>, encrypted PKCS#8,
/// SEC 1 <c>EC PRIVATE KEY</c>, PKCS#1 <c>RSA PRIVATE KEY</c>) and X.509 certificates with a private key (PFX/PKCS#12,
/// or a PEM certificate with its PEM key). The <c>kid</c> is the one given, else the RFC 7638 JWK thumbprint.
/// </summary>
public static class JwtSigningKeyLoader
{
    /// <summary>
    /// Loads a key from a PEM text. <paramref name="algorithm"/> defaults to <c>ES256</c> for an EC key and <c>RS256</c>
    /// for an RSA key; <paramref name="password"/> decrypts an <c>ENCRYPTED PRIVATE KEY</c>.
    /// </summary>
    public static JwtSigningKey FromPem(string pem, string? keyId = null, string? algorithm = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pem);
        var encrypted = pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal);
        if (encrypted && string.IsNullOrEmpty(password))
        {
            throw new ArgumentException("The PEM key is encrypted: give its password.", nameof(password));
        }

        var isRsa = pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal)
            || (!pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal) && !IsEcPkcs8(pem, password));
        try
        {
            if (isRsa)
            {
                var rsa = RSA.Create();
                if (encrypted)
                {
                    rsa.ImportFromEncryptedPem(pem, password);
                }
                else
                {
                    rsa.ImportFromPem(pem);
                }

                return FromRsa(rsa, keyId, algorithm);
            }

            var ecdsa = ECDsa.Create();
            if (encrypted)
            {
                ecdsa.ImportFromEncryptedPem(pem, password);
            }
            else
            {
                ecdsa.ImportFromPem(pem);
            }

            return FromEcdsa(ecdsa, keyId, algorithm);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The PEM text holds no usable EC P-256 or RSA private key.", nameof(pem), e);
        }
    }

    /// <summary>Loads a key from a PEM file; see <see cref="FromPem"/>.</summary>
    public static JwtSigningKey FromPemFile(string path, string? keyId = null, string? algorithm = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromPem(File.ReadAllText(path), keyId, algorithm, password);
    }

    /// <summary>Uses the private key of an X.509 certificate (EC P-256 or RSA).</summary>
    public static JwtSigningKey FromCertificate(X509Certificate2 certificate, string? keyId = null, string? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.GetECDsaPrivateKey() is { } ecdsa)
        {
            return FromEcdsa(ecdsa, keyId, algorithm);
        }

        if (certificate.GetRSAPrivateKey() is { } rsa)
        {
            return FromRsa(rsa, keyId, algorithm);
        }

        throw new ArgumentException("The certificate has no EC or RSA private key.", nameof(certificate));
    }

    /// <summary>
    /// Loads a certificate with its private key: a PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) with
    /// <paramref name="password"/>, or a PEM certificate whose key is in <paramref name="keyPath"/> (or in the same file).
    /// </summary>
    public static JwtSigningKey FromCertificateFile(string path, string? password = null, string? keyPath = null, string? keyId = null, string? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var certificate = IsPkcs12(path)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
            : string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        return FromCertificate(certificate, keyId, algorithm);
    }

    /// <summary>
    /// Loads what <paramref name="path"/> holds: a PFX/PKCS#12 file, a PEM file with a certificate (its key in the
    /// same file or in <paramref name="keyPath"/>), or a PEM private key. The one entry point configuration uses.
    /// </summary>
    public static JwtSigningKey FromFile(string path, string? password = null, string? keyPath = null, string? keyId = null, string? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (IsPkcs12(path) || !string.IsNullOrEmpty(keyPath) || File.ReadAllText(path).Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            return FromCertificateFile(path, password, keyPath, keyId, algorithm);
        }

        return FromPemFile(path, keyId, algorithm, password);
    }

    private static bool IsPkcs12(string path)
        => path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static bool IsEcPkcs8(string pem, string? password)
    {
        using var probe = ECDsa.Create();
        try
        {
            if (pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            {
                probe.ImportFromEncryptedPem(pem, password);
            }
            else
            {
                probe.ImportFromPem(pem);
            }

            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static JwtSigningKey FromEcdsa(ECDsa key, string? keyId, string? algorithm)
    {
        if (algorithm is not (null or JwtAlgorithms.ES256))
        {
            throw new ArgumentException($"An EC key signs ES256, not '{algorithm}'.", nameof(algorithm));
        }

        return keyId is null ? JwtSigningKey.FromEcdsa(key) : JwtSigningKey.FromEcdsa(key, keyId);
    }

    private static JwtSigningKey FromRsa(RSA key, string? keyId, string? algorithm)
        => JwtSigningKey.FromRsa(key, keyId, algorithm ?? JwtAlgorithms.RS256);
}
