using Microsoft.AspNetCore.DataProtection;
using OAuth2.Jwt.Rotation;

namespace OAuth2.AspNetCore.SigningKeys;

/// <summary>
/// Seals persisted signing keys with ASP.NET Core Data Protection, under a purpose of their own. Every instance must
/// share the Data Protection key ring (e.g. <c>PersistKeysToStackExchangeRedis</c>, <c>PersistKeysToDbContext</c>,
/// or a shared folder) and keep it longer than a signing key lives, or the keys cannot be opened.
/// </summary>
internal sealed class DataProtectionSigningKeyProtector(IDataProtectionProvider provider) : ISigningKeyProtector
{
    /// <summary>The Data Protection purpose: keys sealed for anything else cannot be opened as signing keys.</summary>
    public const string Purpose = "OAuth2.Jwt.SigningKeys.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Protect(ReadOnlySpan<byte> privateKey) => _protector.Protect(privateKey.ToArray());

    public byte[] Unprotect(ReadOnlySpan<byte> protectedKey) => _protector.Unprotect(protectedKey.ToArray());
}
