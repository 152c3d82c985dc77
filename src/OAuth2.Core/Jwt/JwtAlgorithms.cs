namespace OAuth2.Jwt;

/// <summary>The JWS algorithms (RFC 7518) a <see cref="JwtSigningKey"/> signs with.</summary>
public static class JwtAlgorithms
{
    /// <summary>ECDSA on P-256 with SHA-256: short keys and signatures; the default for generated keys.</summary>
    public const string ES256 = "ES256";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256: what every JWT library accepts.</summary>
    public const string RS256 = "RS256";

    /// <summary>RSASSA-PSS with SHA-256.</summary>
    public const string PS256 = "PS256";
}
