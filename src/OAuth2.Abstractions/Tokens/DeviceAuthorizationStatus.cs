namespace OAuth2.Tokens;

/// <summary>Where a device authorization (RFC 8628) stands in the user's hands.</summary>
public enum DeviceAuthorizationStatus
{
    /// <summary>The user has not decided yet; the device is told <c>authorization_pending</c>.</summary>
    Pending = 0,

    /// <summary>The user approved; the next timely poll redeems the device code for tokens.</summary>
    Approved = 1,

    /// <summary>The user refused; the device is told <c>access_denied</c>.</summary>
    Denied = 2,
}
