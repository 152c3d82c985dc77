using OAuth2.Tokens;

namespace OAuth2.Model;

/// <summary>
/// What the device authorization grant (RFC 8628) needs: device authorizations saved under their device code and
/// user code, read by either, and changed only by a compare-and-swap on <see cref="DeviceAuthorization.Revision"/>.
/// </summary>
/// <remarks>User codes reach the model already normalised (upper case, no separators).</remarks>
public interface IDeviceAuthorizationModel
{
    /// <summary>Saves a new authorization; <c>false</c> when the user code is already in use (nothing saved).</summary>
    ValueTask<bool> SaveDeviceAuthorizationAsync(string deviceCode, string userCode, DeviceAuthorization data, CancellationToken cancellationToken);

    ValueTask<DeviceAuthorization?> GetDeviceAuthorizationAsync(string deviceCode, CancellationToken cancellationToken);

    ValueTask<DeviceAuthorization?> GetDeviceAuthorizationByUserCodeAsync(string userCode, CancellationToken cancellationToken);

    /// <summary>Replaces the authorization if it is still at <paramref name="expectedRevision"/>; <c>true</c> when this call did.</summary>
    ValueTask<bool> UpdateDeviceAuthorizationAsync(string deviceCode, long expectedRevision, DeviceAuthorization updated, CancellationToken cancellationToken);

    /// <summary>The same compare-and-swap, addressed by the user code (the verification page never sees the device code).</summary>
    ValueTask<bool> UpdateDeviceAuthorizationByUserCodeAsync(string userCode, long expectedRevision, DeviceAuthorization updated, CancellationToken cancellationToken);
}
