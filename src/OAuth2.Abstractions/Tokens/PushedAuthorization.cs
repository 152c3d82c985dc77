namespace OAuth2.Tokens;

/// <summary>
/// A pushed authorization request (RFC 9126): the parameters a client sent to the PAR endpoint, kept under the digest
/// of the <c>request_uri</c> it was given until the authorization it starts completes.
/// </summary>
public sealed record PushedAuthorization
{
    /// <summary>The authenticated client that pushed the request; only it may use the <c>request_uri</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>The authorization request parameters as pushed (never a client credential), one value per name.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the <c>request_uri</c> stops being usable (the <c>expires_in</c> the client was told).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the authorization it started completed; <c>null</c> until then. Kept, marked, until it expires.</summary>
    public DateTimeOffset? ConsumedAt { get; init; }
}
