namespace OAuth2.Errors;

/// <summary>
/// <c>invalid_dpop_proof</c> (RFC 9449 section 5 and 7.1): the <c>DPoP</c> proof is missing where required, malformed,
/// signed with a refused algorithm or key, for another request, stale, or replayed. 400 at the token endpoint; a
/// protected resource answers it with 401 and a <c>DPoP</c> challenge.
/// </summary>
public sealed class InvalidDpopProofException : OAuth2Exception
{
    public const string Code = "invalid_dpop_proof";

    public InvalidDpopProofException(string? description = null, Exception? innerException = null)
        : base(Code, 400, description ?? "Invalid DPoP proof", innerException)
    {
    }
}
