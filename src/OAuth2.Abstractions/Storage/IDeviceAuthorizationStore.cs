using OAuth2.Tokens;

namespace OAuth2.Storage;

/// <summary>
/// Persists device authorizations (RFC 8628) under the digest of the device code, with the digest of the user code as
/// a second, unique key. Every change is one atomic replace guarded by <see cref="DeviceAuthorization.Revision"/>.
/// </summary>
/// <remarks>
/// Finds return a record until its <see cref="DeviceAuthorization.RetainUntil"/> (also after its
/// <see cref="DeviceAuthorization.ExpiresAt"/>: the core tells the device the code expired). A store that cannot reach
/// its backend throws <see cref="StorageUnavailableException"/>.
/// </remarks>
public interface IDeviceAuthorizationStore
{
    /// <summary>
    /// Saves a new device authorization. Returns <c>false</c>, saving nothing, when a retained record already holds
    /// <paramref name="userCodeDigest"/>: user codes are short, so the core draws another and tries again.
    /// </summary>
    ValueTask<bool> SaveDeviceAuthorizationAsync(
        TokenDigest deviceCodeDigest,
        TokenDigest userCodeDigest,
        DeviceAuthorization authorization,
        CancellationToken cancellationToken);

    ValueTask<DeviceAuthorization?> FindDeviceAuthorizationAsync(TokenDigest deviceCodeDigest, CancellationToken cancellationToken);

    /// <summary>The device code digest a user code belongs to, or <c>null</c>; what the verification page looks up.</summary>
    ValueTask<TokenDigest?> FindDeviceCodeByUserCodeAsync(TokenDigest userCodeDigest, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically replaces the record with <paramref name="authorization"/> if its stored revision is still
    /// <paramref name="expectedRevision"/>: of any number of concurrent callers expecting the same revision exactly
    /// one gets <c>true</c>. The user-code key and the retention stay as saved. Unknown or forgotten: <c>false</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="authorization"/>'s revision is not <paramref name="expectedRevision"/> + 1 (then two writers
    /// could both win).
    /// </exception>
    ValueTask<bool> UpdateDeviceAuthorizationAsync(
        TokenDigest deviceCodeDigest,
        long expectedRevision,
        DeviceAuthorization authorization,
        CancellationToken cancellationToken);
}
