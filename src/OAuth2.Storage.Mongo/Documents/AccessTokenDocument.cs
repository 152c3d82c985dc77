namespace OAuth2.Storage.Mongo.Documents;

/// <summary>The stored form of an <see cref="Tokens.AccessToken"/>, keyed by the token digest.</summary>
internal sealed class AccessTokenDocument
{
    /// <summary>The SHA-256 digest of the token (BinData subtype 0, 32 bytes).</summary>
    public byte[] Id { get; set; } = [];

    public string ClientId { get; set; } = "";

    public UserDocument User { get; set; } = new();

    public string[] Scope { get; set; } = [];

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public string GrantId { get; set; } = "";

    public Dictionary<string, string> ExtendedAttributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The token's audience; absent (null) in documents written before it existed, read as none.</summary>
    public string[]? Audience { get; set; }
}
