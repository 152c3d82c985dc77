namespace OAuth2.Jwt;

/// <summary>
/// Hands the server the signing keys in force now. A <see cref="JwtSigningKeySet"/> of fixed keys is one; a
/// <see cref="Rotation.PersistedSigningKeyProvider"/> reads a shared store and rotates on a schedule.
/// </summary>
/// <remarks>Called on every JWT issued and validated: an implementation answers from memory, synchronously, almost always.</remarks>
public interface IJwtSigningKeyProvider
{
    /// <summary>The key set in force now.</summary>
    ValueTask<JwtSigningKeySet> GetSigningKeysAsync(CancellationToken cancellationToken);
}
