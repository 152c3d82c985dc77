namespace OAuth2.Jwt;

/// <summary>
/// An issuer whose signed JWTs this server accepts: as JWT bearer assertions (RFC 7523 section 2.1) and as token
/// exchange subject or actor tokens of type <c>jwt</c> (RFC 8693). Its public keys come as a JWK set; only the
/// algorithms listed here are accepted from it. A mutable class so that it binds from configuration.
/// </summary>
public sealed class TrustedJwtIssuer
{
    /// <summary>The <c>iss</c> value, compared exactly.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The issuer's public keys as a JWK set document (<c>{"keys":[...]}</c>); private keys are refused.</summary>
    public string Jwks { get; set; } = string.Empty;

    /// <summary>The signature algorithms accepted from this issuer (of ES256, ES384, PS256, RS256; never <c>none</c> or HMAC).</summary>
    public IList<string> Algorithms { get; set; } = ["ES256", "PS256", "RS256"];
}
