namespace OAuth2.AspNetCore.Abuse;

/// <summary>The groups of endpoints that are rate-limited separately, each with its own <see cref="EndpointRateLimit"/>.</summary>
public enum OAuth2EndpointFamily
{
    /// <summary><c>/token</c>.</summary>
    Token,

    /// <summary><c>/revoke</c> (RFC 7009).</summary>
    Revocation,

    /// <summary><c>/introspect</c> (RFC 7662).</summary>
    Introspection,

    /// <summary><c>/device_authorization</c> (RFC 8628): every request stores a pending authorization.</summary>
    DeviceAuthorization,

    /// <summary>The application's authorize (sign-in and consent) page.</summary>
    SignIn,

    /// <summary>The application's device verification page, where short user codes are typed.</summary>
    DeviceVerification,

    /// <summary><c>/par</c> (RFC 9126): every request stores a pushed authorization request.</summary>
    PushedAuthorization,

    /// <summary><c>/register</c> and <c>/register/{client_id}</c> (RFC 7591/7592): every registration stores a client.</summary>
    Registration,
}
