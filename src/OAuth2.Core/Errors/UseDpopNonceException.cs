namespace OAuth2.Errors;

/// <summary>
/// <c>use_dpop_nonce</c> (RFC 9449 section 8): the server demands a nonce in the proof and this one had none, or a
/// stale one. The response carries a fresh nonce in the <c>DPoP-Nonce</c> header for the client's retry.
/// </summary>
public sealed class UseDpopNonceException : OAuth2Exception
{
    public const string Code = "use_dpop_nonce";

    public UseDpopNonceException(string nonce, string? description = null)
        : base(Code, 400, description ?? "Use a DPoP nonce: the proof must carry the server's current nonce")
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        Nonce = nonce;
    }

    /// <summary>The nonce to send back in the <c>DPoP-Nonce</c> header.</summary>
    public string Nonce { get; }
}
