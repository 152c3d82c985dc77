namespace OAuth2.Jwt.Rotation;

/// <summary>
/// Seals a private signing key before it is stored and opens it when read back, so a database dump, a Redis snapshot
/// or a backup holds no usable signing key. Every instance that shares the store must share the protector's secret.
/// </summary>
/// <remarks>
/// The ASP.NET Core package registers one backed by ASP.NET Core Data Protection (keep its key ring shared and
/// persisted across instances). Without DI, pass one explicitly, e.g. <see cref="AesGcmSigningKeyProtector"/>: there
/// is deliberately no "store it in the clear" protector.
/// </remarks>
public interface ISigningKeyProtector
{
    /// <summary>Seals a PKCS#8 private key.</summary>
    byte[] Protect(ReadOnlySpan<byte> privateKey);

    /// <summary>Opens what <see cref="Protect"/> sealed; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it was sealed with another secret or altered.</summary>
    byte[] Unprotect(ReadOnlySpan<byte> protectedKey);
}
