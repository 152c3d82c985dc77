using System.Security.Cryptography;
using System.Text;

namespace OAuth2.Jwt.Rotation;

/// <summary>
/// An <see cref="ISigningKeyProtector"/> for hosts without ASP.NET Core Data Protection: AES-256-GCM under a 32-byte
/// secret that every instance shares (from a vault or an environment secret, never from the database it protects).
/// </summary>
/// <remarks>Layout: version byte 1, 12-byte random nonce, 16-byte tag, ciphertext; the version is authenticated.</remarks>
public sealed class AesGcmSigningKeyProtector : ISigningKeyProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("oauth2-jwt-signing-key:v1");
    private readonly byte[] _secret;

    /// <summary>A protector under a 32-byte (256-bit) secret.</summary>
    public AesGcmSigningKeyProtector(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != 32)
        {
            throw new ArgumentException("The protector's secret is 32 bytes (256 bits).", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    /// <inheritdoc />
    public byte[] Protect(ReadOnlySpan<byte> privateKey)
    {
        var output = new byte[1 + NonceSize + TagSize + privateKey.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_secret, TagSize);
        aes.Encrypt(nonce, privateKey, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), AssociatedData);
        return output;
    }

    /// <inheritdoc />
    public byte[] Unprotect(ReadOnlySpan<byte> protectedKey)
    {
        if (protectedKey.Length <= 1 + NonceSize + TagSize || protectedKey[0] != Version)
        {
            throw new CryptographicException("The protected signing key has an unknown format.");
        }

        var plaintext = new byte[protectedKey.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_secret, TagSize);
        aes.Decrypt(protectedKey.Slice(1, NonceSize), protectedKey[(1 + NonceSize + TagSize)..], protectedKey.Slice(1 + NonceSize, TagSize), plaintext, AssociatedData);
        return plaintext;
    }
}
