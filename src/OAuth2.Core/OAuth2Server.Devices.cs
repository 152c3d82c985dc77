using OAuth2.Devices;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2;

/// <summary>The device authorization grant (RFC 8628): the device's endpoint and the verification page's two steps.</summary>
public sealed partial class OAuth2Server
{
    /// <summary>
    /// The device authorization endpoint (RFC 8628 section 3.1): answers a device with its device code, user code,
    /// verification URI and polling interval, or the RFC error. The device then polls the token endpoint.
    /// </summary>
    public ValueTask<OAuth2Result<IssuedDeviceAuthorization>> DeviceAuthorizationAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_deviceAuthorizationHandler is null)
        {
            var error = new UnsupportedGrantTypeException("Unsupported grant type: the device grant is not enabled");
            return ValueTask.FromResult(OAuth2Result<IssuedDeviceAuthorization>.Failure(ResponseWriter.Error(error, _options.Realm), error));
        }

        return ObservedDeviceAuthorizationAsync(_deviceAuthorizationHandler, request, cancellationToken);
    }

    /// <summary>
    /// Looks up what a user typed on the verification page: the pending authorization to show for consent, or
    /// <c>null</c> when no pending authorization has that code (mistyped, expired or already decided).
    /// </summary>
    /// <remarks>User codes are short by design: the host should rate-limit this page per user and per address.</remarks>
    public ValueTask<PendingDeviceAuthorization?> FindDeviceAuthorizationAsync(string userCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userCode);
        return RequireDeviceVerifier().FindAsync(userCode, cancellationToken);
    }

    /// <summary>
    /// Approves a device for a user the host has authenticated. <paramref name="scope"/> may narrow what the device
    /// asked for (<c>null</c>: all of it); the model's scope policy has the last word. One decision per code.
    /// </summary>
    public ValueTask<DeviceDecisionResult> ApproveDeviceAuthorizationAsync(string userCode, OAuth2User user, IReadOnlyList<string>? scope = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userCode);
        ArgumentNullException.ThrowIfNull(user);
        return RequireDeviceVerifier().DecideAsync(userCode, user, approve: true, scope, cancellationToken);
    }

    /// <summary>Denies a device: its next poll is told <c>access_denied</c>. One decision per code.</summary>
    public ValueTask<DeviceDecisionResult> DenyDeviceAuthorizationAsync(string userCode, OAuth2User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userCode);
        ArgumentNullException.ThrowIfNull(user);
        return RequireDeviceVerifier().DecideAsync(userCode, user, approve: false, scope: null, cancellationToken);
    }

    private DeviceVerifier RequireDeviceVerifier()
        => _deviceVerifier ?? throw new InvalidArgumentException($"Invalid argument: the `{GrantTypes.DeviceCode}` grant is not enabled");
}
