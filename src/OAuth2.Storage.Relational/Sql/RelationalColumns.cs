namespace OAuth2.Storage.Relational;

/// <summary>The column names of the six tables, in the order statements list them (also the names of their parameters).</summary>
public static class RelationalColumns
{
    public static IReadOnlyList<string> Clients { get; } =
    [
        "client_id", "client_type", "secret_hash", "redirect_uris", "grants", "scopes",
        "access_token_lifetime_ticks", "refresh_token_lifetime_ticks", "require_pkce", "properties",
        "require_par",
        "token_endpoint_auth_method", "jwks",
        "resources",
        "dpop_bound_access_tokens",
        "registration_token_hash",
        "secret_expires_at",
    ];

    public static IReadOnlyList<string> AccessTokens { get; } =
    [
        "digest", "client_id", "user_id", "user_properties", "scope", "issued_at", "expires_at", "grant_id", "extended_attributes",
        "audience",
        "jkt",
    ];

    public static IReadOnlyList<string> RefreshTokens { get; } =
    [
        "digest", "client_id", "user_id", "user_properties", "scope", "issued_at", "expires_at", "grant_id", "redeemed_at",
        "resources",
        "jkt",
    ];

    public static IReadOnlyList<string> AuthorizationCodes { get; } =
    [
        "digest", "client_id", "user_id", "user_properties", "scope", "issued_at", "expires_at", "redirect_uri",
        "redirect_uri_supplied", "code_challenge", "code_challenge_method", "grant_id", "redeemed_at",
        "resources",
        "dpop_jkt",
    ];

    /// <summary>
    /// The device_authorizations columns: keyed by the device-code digest, with the user-code digest as a second,
    /// unique key. The user columns are null while no user has decided.
    /// </summary>
    public static IReadOnlyList<string> DeviceAuthorizations { get; } =
    [
        "device_digest", "user_digest", "client_id", "scope", "issued_at", "expires_at", "retain_until", "grant_id",
        "polling_interval_seconds", "status", "user_id", "user_properties", "last_polled_at", "redeemed_at", "revision",
        "resources",
    ];

    /// <summary>
    /// What a device authorization update replaces: every column but the two keys and <c>retain_until</c>, which stay
    /// as saved.
    /// </summary>
    public static IReadOnlyList<string> DeviceAuthorizationUpdates { get; } =
        DeviceAuthorizations.Where(c => c is not ("device_digest" or "user_digest" or "retain_until")).ToArray();

    /// <summary>
    /// The failed_attempts columns: the throttle's key (printable ASCII, at most 128 characters, compared exactly), the
    /// failures in the current window and when that window ends (Unix ms).
    /// </summary>
    public static IReadOnlyList<string> FailedAttempts { get; } = ["attempt_key", "attempt_count", "window_ends_at"];

    /// <summary>The replay_cache columns: the core's key (printable ASCII, at most 128 characters, compared exactly) and when the entry expires (Unix ms).</summary>
    public static IReadOnlyList<string> ReplayCache { get; } = ["replay_key", "expires_at"];

    /// <summary>
    /// The pushed_authorizations columns (RFC 9126): keyed by the digest of the <c>request_uri</c>; the parameters as
    /// JSON text; <c>consumed_at</c> is null until the authorization completes.
    /// </summary>
    public static IReadOnlyList<string> PushedAuthorizations { get; } = ["digest", "client_id", "parameters", "issued_at", "expires_at", "consumed_at"];

    /// <summary>The signing_keys columns: generation (the key), kid, algorithm, the sealed private key, created and activation times (Unix ms).</summary>
    public static IReadOnlyList<string> SigningKeys { get; } = ["generation", "key_id", "algorithm", "protected_key", "created_at", "activates_at"];
}
