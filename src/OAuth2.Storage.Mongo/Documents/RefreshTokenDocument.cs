namespace OAuth2.Storage.Mongo.Documents;

/// <summary>The stored form of a <see cref="Tokens.RefreshToken"/>, keyed by the token digest.</summary>
internal sealed class RefreshTokenDocument
{
    public byte[] Id { get; set; } = [];

    public string ClientId { get; set; } = "";

    public UserDocument User { get; set; } = new();

    public string[] Scope { get; set; } = [];

    public DateTime IssuedAt { get; set; }

    /// <summary><c>null</c> for a token that never expires: the TTL index ignores such a document.</summary>
    public DateTime? ExpiresAt { get; set; }

    public string GrantId { get; set; } = "";

    public DateTime? RedeemedAt { get; set; }

    /// <summary>RFC 8707 resources; absent (null) in documents written before they existed, read as none.</summary>
    public string[]? Resources { get; set; }
}
