namespace OAuth2.Handlers;

/// <summary>
/// What a client authenticates for. A type of its own, so an endpoint is never mistaken for a grant type: no grant can
/// be named after an endpoint and inherit its public-client rule.
/// </summary>
internal enum ClientAuthenticationPurpose
{
    /// <summary>A grant at the token endpoint; the grant type decides the rules.</summary>
    Grant,

    /// <summary>The revocation endpoint (RFC 7009): public clients may revoke their own tokens.</summary>
    Revocation,

    /// <summary>The introspection endpoint (RFC 7662): confidential clients only.</summary>
    Introspection,

    /// <summary>The device authorization endpoint (RFC 8628): ruled like the device_code grant it starts.</summary>
    DeviceAuthorization,

    /// <summary>The pushed authorization request endpoint (RFC 9126 section 2): ruled like the authorization_code grant it starts.</summary>
    PushedAuthorization,
}
