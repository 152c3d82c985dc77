namespace OAuth2.Jwt;

/// <summary>
/// Why a JWS, a JWK or a claim set was refused. Internal and stable, so a caller maps each one to its own error id and
/// log text without ever quoting the (attacker-supplied) input.
/// </summary>
internal enum JoseFailure
{
    None = 0,

    /// <summary>Longer than the caller's cap, or not three dot-separated parts.</summary>
    Malformed,

    /// <summary>A part is not strict base64url (RFC 7515 section 2: no padding, no whitespace, canonical bits).</summary>
    BadEncoding,

    /// <summary>Header or payload is not one strict JSON object (duplicate members included, RFC 7515 section 4).</summary>
    BadJson,

    /// <summary><c>alg</c> is absent, <c>none</c>, or not in the allow-list the caller gave.</summary>
    AlgorithmNotAllowed,

    /// <summary>A <c>crit</c> header (RFC 7515 section 4.1.11) the verifier does not understand, or a malformed one.</summary>
    UnsupportedCritical,

    /// <summary>No usable key: none with the <c>kid</c>, none of the algorithm's type, or several without a <c>kid</c>.</summary>
    KeyNotFound,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>A JWK that is not a public EC P-256/P-384 or RSA (2048-8192 bits) key, or that carries private members.</summary>
    BadKey,

    /// <summary>A JWK set that is not <c>{"keys":[...]}</c> within the size caps, or that holds a private key.</summary>
    BadKeySet,

    /// <summary>A registered or required claim is absent or has the wrong JSON type.</summary>
    ClaimMissing,

    /// <summary><c>exp</c> is past (beyond the clock skew).</summary>
    Expired,

    /// <summary><c>nbf</c> or <c>iat</c> is in the future (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary><c>exp</c> is further ahead than the caller's maximum lifetime allows.</summary>
    LifetimeTooLong,
}
