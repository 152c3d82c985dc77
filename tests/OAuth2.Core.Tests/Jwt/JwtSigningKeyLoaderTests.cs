using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OAuth2.Jwt;

namespace OAuth2.Core.Tests.Jwt;

/// <summary>Keys are generated here and written to a temporary folder: no private key is committed.</summary>
public sealed class JwtSigningKeyLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oauth2-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The loaded key is the written one: it verifies what the original signed.</summary>
    private static void AssertSameKey(AsymmetricAlgorithm original, JwtSigningKey loaded)
    {
        var data = "signed"u8.ToArray();
        var signature = loaded.Sign(data);
        var verifies = original switch
        {
            ECDsa ec => ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, loaded.Algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
            _ => false,
        };
        Assert.True(verifies);
    }

    [Fact]
    public void Ec_keys_load_from_PKCS8_SEC1_and_encrypted_PKCS8_PEM_with_the_thumbprint_as_kid()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = JwtSigningKeyLoader.FromPemFile(Write("ec.pem", ec.ExportPkcs8PrivateKeyPem()));
        var sec1 = JwtSigningKeyLoader.FromPemFile(Write("ec-sec1.pem", ec.ExportECPrivateKeyPem()));
        var encrypted = JwtSigningKeyLoader.FromPemFile(
            Write("ec-enc.pem", ec.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000))),
            password: "pw");

        foreach (var key in new[] { pkcs8, sec1, encrypted })
        {
            Assert.Equal("ES256", key.Algorithm);
            Assert.Equal(pkcs8.KeyId, key.KeyId);
            AssertSameKey(ec, key);
        }

        Assert.Equal(43, pkcs8.KeyId.Length); // base64url of a SHA-256
        Assert.Equal(JwtSigningKey.FromEcdsa(ec).KeyId, pkcs8.KeyId);
    }

    [Fact]
    public void Rsa_keys_load_from_PKCS8_and_PKCS1_PEM_as_RS256_or_PS256_with_an_explicit_kid()
    {
        using var rsa = RSA.Create(2048);
        var rs256 = JwtSigningKeyLoader.FromPemFile(Write("rsa.pem", rsa.ExportPkcs8PrivateKeyPem()));
        var ps256 = JwtSigningKeyLoader.FromPemFile(Write("rsa1.pem", rsa.ExportRSAPrivateKeyPem()), keyId: "ops-2026", algorithm: "PS256");

        Assert.Equal("RS256", rs256.Algorithm);
        Assert.Equal(("ops-2026", "PS256"), (ps256.KeyId, ps256.Algorithm));
        AssertSameKey(rsa, rs256);
        AssertSameKey(rsa, ps256);
    }

    [Fact]
    public void Certificates_load_from_PFX_and_from_PEM_certificate_plus_key()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ecCert = new CertificateRequest("CN=as-signing", ec, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(_folder, "ec.pfx");
        File.WriteAllBytes(pfx, ecCert.Export(X509ContentType.Pfx, "pfx-pw"));
        var fromPfx = JwtSigningKeyLoader.FromFile(pfx, password: "pfx-pw");
        Assert.Equal("ES256", fromPfx.Algorithm);
        AssertSameKey(ec, fromPfx);

        using var rsa = RSA.Create(2048);
        using var rsaCert = new CertificateRequest("CN=as-signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certPath = Write("rsa.crt", rsaCert.ExportCertificatePem());
        var keyPath = Write("rsa.key", rsa.ExportPkcs8PrivateKeyPem());
        var fromPem = JwtSigningKeyLoader.FromFile(certPath, keyPath: keyPath, keyId: "cert-kid");
        Assert.Equal(("cert-kid", "RS256"), (fromPem.KeyId, fromPem.Algorithm));
        AssertSameKey(rsa, fromPem);
    }

    [Fact]
    public void Unusable_keys_are_refused_at_load()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var small = RSA.Create(1024);
        Assert.Throws<ArgumentException>(() => JwtSigningKeyLoader.FromPem(ec.ExportPkcs8PrivateKeyPem(), algorithm: "RS256"));
        Assert.Throws<ArgumentException>(() => JwtSigningKeyLoader.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => JwtSigningKeyLoader.FromPem(small.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => JwtSigningKeyLoader.FromPem(ec.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 10))));
        Assert.Throws<ArgumentException>(() => JwtSigningKeyLoader.FromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    }
}
