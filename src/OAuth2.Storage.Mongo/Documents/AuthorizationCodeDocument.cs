namespace OAuth2.Storage.Mongo.Documents;

/// <summary>The stored form of an <see cref="Tokens.AuthorizationCode"/>, keyed by the code digest.</summary>
internal sealed class AuthorizationCodeDocument
{
    public byte[] Id { get; set; } = [];

    public string ClientId { get; set; } = "";

    public UserDocument User { get; set; } = new();

    public string[] Scope { get; set; } = [];

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public string? RedirectUri { get; set; }

    public bool RedirectUriSupplied { get; set; }

    public string? CodeChallenge { get; set; }

    public string? CodeChallengeMethod { get; set; }

    public string GrantId { get; set; } = "";

    public DateTime? RedeemedAt { get; set; }

    /// <summary>RFC 8707 resources; absent (null) in documents written before they existed, read as none.</summary>
    public string[]? Resources { get; set; }

    /// <summary>The DPoP key thumbprint the code is bound to (RFC 9449 section 10 <c>dpop_jkt</c>); absent when unbound.</summary>
    public string? DpopJkt { get; set; }
}
