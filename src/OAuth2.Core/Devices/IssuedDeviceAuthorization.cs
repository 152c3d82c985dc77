namespace OAuth2.Devices;

/// <summary>What the device authorization endpoint issued (RFC 8628 section 3.2), for a host that logs or audits it.</summary>
public sealed record IssuedDeviceAuthorization
{
    public required string ClientId { get; init; }

    /// <summary>The user code in its display form, e.g. <c>WDJB-MJHT</c>.</summary>
    public required string UserCode { get; init; }

    public required IReadOnlyList<string> Scope { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string GrantId { get; init; }
}
