using OAuth2.Clients;

namespace OAuth2.Devices;

/// <summary>
/// A device authorization awaiting the user's decision, as the verification page shows it: which client asks, for
/// which scope, until when. The device code never reaches the page.
/// </summary>
public sealed record PendingDeviceAuthorization
{
    /// <summary>The user code in its display form.</summary>
    public required string UserCode { get; init; }

    public required OAuth2Client Client { get; init; }

    public required IReadOnlyList<string> Scope { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
