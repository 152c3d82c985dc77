namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// Request rate limits per remote address and per client id, for each <see cref="OAuth2EndpointFamily"/>. On by
/// default. They are counted in this process (ASP.NET Core's <c>System.Threading.RateLimiting</c> fixed windows): with
/// N instances behind a load balancer a caller gets up to N times each limit. Failed-authentication throttling, which
/// must hold across instances, is separate (<see cref="OAuth2.Throttling.FailedAuthenticationOptions"/>).
/// </summary>
/// <remarks>A mutable class so that it binds from configuration. A limit with <see cref="RequestLimit.PermitLimit"/> 0 is off.</remarks>
public sealed class OAuth2RateLimitOptions
{
    /// <summary>Turns every request rate limit off (failed-authentication throttling stays on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IPv6 addresses are limited by this prefix (64 by default), IPv4 addresses one by one.</summary>
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// <c>/token</c>: 6,000 a minute per address, 60,000 a minute per client id. Generous on purpose: many legitimate
    /// callers share an address (a NAT, a gateway, a busy backend), and guessing is stopped by the failed-authentication
    /// throttle, not here.
    /// </summary>
    public EndpointRateLimit Token { get; set; } = EndpointRateLimit.PerMinute(perAddress: 6_000, perClient: 60_000);

    /// <summary><c>/revoke</c>: 600 a minute per address, 6,000 per client id.</summary>
    public EndpointRateLimit Revocation { get; set; } = EndpointRateLimit.PerMinute(perAddress: 600, perClient: 6_000);

    /// <summary><c>/introspect</c>: 6,000 a minute per address, 60,000 per client id (resource servers introspect often).</summary>
    public EndpointRateLimit Introspection { get; set; } = EndpointRateLimit.PerMinute(perAddress: 6_000, perClient: 60_000);

    /// <summary>
    /// <c>/device_authorization</c>: 60 a minute per address, 600 per client id. Each request stores a pending
    /// authorization for the device code's lifetime, so this caps what one client can make the server hold
    /// (600 a minute × 10 minutes = 6,000 records).
    /// </summary>
    public EndpointRateLimit DeviceAuthorization { get; set; } = EndpointRateLimit.PerMinute(perAddress: 60, perClient: 600);

    /// <summary>The authorize (sign-in) page: 120 requests a minute per address, 6,000 per client id.</summary>
    public EndpointRateLimit SignIn { get; set; } = EndpointRateLimit.PerMinute(perAddress: 120, perClient: 6_000);

    /// <summary>The device verification page: 30 requests a minute per address (user codes are short), no per-client limit.</summary>
    public EndpointRateLimit DeviceVerification { get; set; } = EndpointRateLimit.PerMinute(perAddress: 30, perClient: 0);

    /// <summary>
    /// <c>/par</c> (RFC 9126): 600 a minute per address, 6,000 per client id. Each request stores a pushed request for
    /// its lifetime (60 s by default), so this caps what one client can make the server hold at about 6,000 records.
    /// </summary>
    public EndpointRateLimit PushedAuthorization { get; set; } = EndpointRateLimit.PerMinute(perAddress: 600, perClient: 6_000);

    /// <summary>
    /// <c>/register</c> and the client configuration endpoint (RFC 7591/7592): 20 requests a minute per address, 60 per
    /// client id. Each registration stores a client that nothing expires, so this is deliberately tight.
    /// </summary>
    public EndpointRateLimit Registration { get; set; } = EndpointRateLimit.PerMinute(perAddress: 20, perClient: 60);

    /// <summary>The limits of one family.</summary>
    public EndpointRateLimit For(OAuth2EndpointFamily family) => family switch
    {
        OAuth2EndpointFamily.Token => Token,
        OAuth2EndpointFamily.Revocation => Revocation,
        OAuth2EndpointFamily.Introspection => Introspection,
        OAuth2EndpointFamily.DeviceAuthorization => DeviceAuthorization,
        OAuth2EndpointFamily.SignIn => SignIn,
        OAuth2EndpointFamily.DeviceVerification => DeviceVerification,
        OAuth2EndpointFamily.PushedAuthorization => PushedAuthorization,
        OAuth2EndpointFamily.Registration => Registration,
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };
}

/// <summary>One family's limits: per remote address (checked before the body is read) and per client id.</summary>
public sealed class EndpointRateLimit
{
    /// <summary>Requests from one address (IPv6: one prefix).</summary>
    public RequestLimit PerAddress { get; set; } = new();

    /// <summary>Requests naming one client id, from any address.</summary>
    public RequestLimit PerClient { get; set; } = new();

    /// <summary>Both limits over one-minute windows.</summary>
    public static EndpointRateLimit PerMinute(int perAddress, int perClient) => new()
    {
        PerAddress = new RequestLimit { PermitLimit = perAddress, Window = TimeSpan.FromMinutes(1) },
        PerClient = new RequestLimit { PermitLimit = perClient, Window = TimeSpan.FromMinutes(1) },
    };
}

/// <summary>At most <see cref="PermitLimit"/> requests per fixed <see cref="Window"/>.</summary>
public sealed class RequestLimit
{
    /// <summary>Requests allowed per window; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    internal bool IsOn => PermitLimit > 0 && Window > TimeSpan.Zero;
}
