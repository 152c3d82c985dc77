using System.Text.Json;
using OAuth2.Errors;
using OAuth2.Jwt;

namespace OAuth2.Dpop;

/// <summary>
/// The JOSE half of a proof check (RFC 9449 section 4.3, rules 2 to 7), on the library's JWS primitives: a compact
/// JWS, <c>typ: dpop+jwt</c>, an allowed <c>alg</c>, a public <c>jwk</c> in the header that verifies the signature.
/// </summary>
internal static class DpopJws
{
    public const string ProofType = "dpop+jwt";

    /// <summary>Whether the library can verify <paramref name="algorithm"/>: asymmetric only, never <c>none</c> or <c>HS*</c>.</summary>
    public static bool IsSupportedAsymmetric(string algorithm) => JwsAlgorithm.IsKnown(algorithm);

    /// <summary>Verifies the proof's form, type, algorithm, key and signature; returns its claims and its key's thumbprint.</summary>
    public static (JsonElement Payload, string Thumbprint) Verify(string proof, ICollection<string> allowedAlgorithms, DpopProofKeyCache keys)
    {
        var parsed = JwsCompact.TryParse(proof, proof.Length, out var jws);
        if (parsed == JoseFailure.AlgorithmNotAllowed)
        {
            throw DpopProofValidator.Invalid("Invalid DPoP proof: `alg` is not allowed", ErrorIds.DpopProofHeaderInvalid);
        }

        if (parsed != JoseFailure.None || jws is null)
        {
            throw DpopProofValidator.Invalid("Invalid DPoP proof: not a compact JWS with a JSON header and claims", ErrorIds.DpopProofMalformed);
        }

        // Media type names compare without regard to case (RFC 9110 section 8.3.1); the RFC's own value has no prefix.
        if (!string.Equals(jws.Type, ProofType, StringComparison.OrdinalIgnoreCase))
        {
            throw DpopProofValidator.Invalid("Invalid DPoP proof: `typ` is not dpop+jwt", ErrorIds.DpopProofHeaderInvalid);
        }

        if (!allowedAlgorithms.Contains(jws.Algorithm))
        {
            throw DpopProofValidator.Invalid("Invalid DPoP proof: `alg` is not allowed", ErrorIds.DpopProofHeaderInvalid);
        }

        if (!jws.Header.TryGetProperty("jwk", out var jwk) || !keys.TryGetOrImport(jwk, out var key, out var owned) || key is null)
        {
            throw DpopProofValidator.Invalid("Invalid DPoP proof: `jwk` is missing, private or not a supported public key", ErrorIds.DpopProofHeaderInvalid);
        }

        try
        {
            var verified = jws.VerifyWith(key, allowedAlgorithms);
            if (verified == JoseFailure.KeyNotFound)
            {
                throw DpopProofValidator.Invalid("Invalid DPoP proof: `jwk` does not fit `alg`", ErrorIds.DpopProofHeaderInvalid);
            }

            if (verified != JoseFailure.None)
            {
                throw DpopProofValidator.Invalid("Invalid DPoP proof: the signature does not verify", ErrorIds.DpopProofSignatureInvalid);
            }

            return (jws.Payload, key.Thumbprint);
        }
        finally
        {
            // A key the cache kept is shared with other requests; one it did not keep is this request's alone.
            if (owned)
            {
                DpopProofKeyCache.Dispose(key);
            }
        }
    }
}
