namespace OAuth2.Tokens;

/// <summary>
/// A device authorization (RFC 8628): saved by the device authorization endpoint under the digests of its device code
/// and user code, decided by the user on the verification page, polled and finally redeemed by the device.
/// </summary>
/// <remarks>
/// Every change after the save is a compare-and-swap on <see cref="Revision"/>, so the rules (pacing, single use, a
/// single decision) live in the core and a store only has to replace a record atomically.
/// </remarks>
public sealed record DeviceAuthorization
{
    public required string ClientId { get; init; }

    /// <summary>The scope the device asked for; once approved, the scope the user granted.</summary>
    public IReadOnlyList<string> Scope { get; init; } = [];

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the device code and the user code stop working; polls after it are told <c>expired_token</c>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// When the store may forget the record, later than <see cref="ExpiresAt"/>: a device that polls after expiry is
    /// told <c>expired_token</c> rather than <c>invalid_grant</c>. Finds never return a record past this instant.
    /// </summary>
    public required DateTimeOffset RetainUntil { get; init; }

    /// <summary>The token family the device's tokens will belong to.</summary>
    public required string GrantId { get; init; }

    /// <summary>The minimum seconds between two polls; raised by 5 on every <c>slow_down</c> (RFC 8628 section 3.5).</summary>
    public required int PollingIntervalSeconds { get; init; }

    public DeviceAuthorizationStatus Status { get; init; }

    /// <summary>The user who approved or denied; <c>null</c> while pending.</summary>
    public OAuth2User? User { get; init; }

    /// <summary>When the device last polled; <c>null</c> before its first poll.</summary>
    public DateTimeOffset? LastPolledAt { get; init; }

    /// <summary>When the device code was exchanged for tokens; <c>null</c> until then.</summary>
    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>Incremented by every change; the store replaces a record only over the revision the caller read.</summary>
    public long Revision { get; init; }

    /// <summary>The resources (RFC 8707) the device asked for: the most its token request may ask for.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];
}
