namespace OAuth2.Throttling;

/// <summary>
/// The throttle's answer for one attempt, before the credentials are checked. Pass it back to
/// <see cref="FailedAuthenticationThrottle.RecordFailureAsync"/> or <see cref="FailedAuthenticationThrottle.RecordSuccessAsync"/>
/// once they have been, so the keys are built (and hashed) once. <c>default</c> is "not throttled, nothing to record".
/// </summary>
public readonly struct ThrottleCheck
{
    internal ThrottleCheck(string? perAddressKey, string? totalKey, AuthenticationSubject subject, long failuresFromAddress, TimeSpan retryAfter)
        : this(perAddressKey, totalKey, subject, failuresFromAddress, retryAfter, identifier: null, address: null)
    {
    }

    internal ThrottleCheck(string? perAddressKey, string? totalKey, AuthenticationSubject subject, long failuresFromAddress, TimeSpan retryAfter, string? identifier, System.Net.IPAddress? address)
    {
        Identifier = identifier;
        Address = address;
        PerAddressKey = perAddressKey;
        TotalKey = totalKey;
        Subject = subject;
        FailuresFromAddress = failuresFromAddress;
        RetryAfter = retryAfter;
    }

    /// <summary>Refuse the attempt without checking the credentials, and tell the caller to come back after <see cref="RetryAfter"/>.</summary>
    public bool IsThrottled => RetryAfter > TimeSpan.Zero;

    /// <summary>How long until the limit that refused the attempt lets it through again (whole seconds, at least 1); zero when not throttled.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Failures already counted for this identifier from this address in the current window.</summary>
    public long FailuresFromAddress { get; }

    /// <summary>Whose credentials are being checked.</summary>
    public AuthenticationSubject Subject { get; }

    internal string? PerAddressKey { get; }

    /// <summary>Set instead of the keys when the check could skip building them (nothing counted anywhere yet).</summary>
    internal string? Identifier { get; }

    internal System.Net.IPAddress? Address { get; }

    internal string? TotalKey { get; }
}
