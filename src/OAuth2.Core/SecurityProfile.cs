namespace OAuth2;

/// <summary>A security profile the server enforces on top of its options (<see cref="OAuth2ServerOptions.Profile"/>).</summary>
public enum SecurityProfile
{
    /// <summary>No profile: the options alone decide.</summary>
    None,

    /// <summary>
    /// The FAPI 2.0 Security Profile (final), authorization server requirements (section 5.3.2): pushed requests,
    /// PKCE S256, confidential clients authenticating with <c>private_key_jwt</c> (issuer as <c>aud</c>), DPoP-bound
    /// tokens only, short-lived codes, no password grant, no refresh token rotation. mTLS is not supported. See the
    /// core README for each requirement and how it is enforced.
    /// </summary>
    Fapi2,
}
