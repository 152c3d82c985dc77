namespace OAuth2.Dpop;

/// <summary>A DPoP proof that passed every check: what a token is bound to, and what a bound token is checked against.</summary>
/// <param name="JwkThumbprint">The RFC 7638 SHA-256 thumbprint of the proof's key (base64url), the <c>cnf.jkt</c> of a bound token.</param>
internal sealed record DpopProof(string JwkThumbprint);
