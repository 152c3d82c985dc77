namespace OAuth2.Devices;

/// <summary>What became of a user's decision on the verification page.</summary>
public enum DeviceDecisionResult
{
    /// <summary>Approved: the device's next timely poll gets tokens.</summary>
    Approved = 0,

    /// <summary>Denied: the device is told <c>access_denied</c>.</summary>
    Denied = 1,

    /// <summary>No pending authorization has this code: mistyped, expired, or already decided.</summary>
    NotFound = 2,

    /// <summary>The scope to approve is not within what the device asked for, or the scope policy refused it.</summary>
    ScopeRefused = 3,
}
