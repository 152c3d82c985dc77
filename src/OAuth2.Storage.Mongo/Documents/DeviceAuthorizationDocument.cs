namespace OAuth2.Storage.Mongo.Documents;

/// <summary>
/// The stored form of a <see cref="Tokens.DeviceAuthorization"/>, keyed by the device-code digest, with the
/// user-code digest as a second key that a unique index keeps unique.
/// </summary>
internal sealed class DeviceAuthorizationDocument
{
    /// <summary>The SHA-256 digest of the device code (BinData subtype 0, 32 bytes).</summary>
    public byte[] Id { get; set; } = [];

    /// <summary>The SHA-256 digest of the user code (BinData subtype 0, 32 bytes); never the code itself.</summary>
    public byte[] UserCode { get; set; } = [];

    public string ClientId { get; set; } = "";

    public string[] Scope { get; set; } = [];

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When the record may be forgotten: what the TTL index, the finds and pruning go by.</summary>
    public DateTime RetainUntil { get; set; }

    public string GrantId { get; set; } = "";

    public int PollingIntervalSeconds { get; set; }

    /// <summary><c>"pending"</c>, <c>"approved"</c> or <c>"denied"</c>: spelled out so renaming the enum member changes nothing stored.</summary>
    public string Status { get; set; } = "";

    /// <summary><c>null</c> while the user has not decided.</summary>
    public UserDocument? User { get; set; }

    public DateTime? LastPolledAt { get; set; }

    public DateTime? RedeemedAt { get; set; }

    public long Revision { get; set; }

    /// <summary>RFC 8707 resources; absent (null) in documents written before they existed, read as none.</summary>
    public string[]? Resources { get; set; }
}
