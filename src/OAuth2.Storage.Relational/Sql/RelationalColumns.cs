namespace OAuth2.Storage.Relational;

/// <summary>The column names of the four tables, in the order statements list them (also the names of their parameters).</summary>
public static class RelationalColumns
{
    public static IReadOnlyList<string> Clients { get; } =
    [
        "client_id", "client_type", "secret_hash", "redirect_uris", "grants", "scopes",
        "access_token_lifetime_ticks", "refresh_token_lifetime_ticks", "require_pkce", "properties",
    ];

    public static IReadOnlyList<string> AccessTokens { get; } =
    [
        "digest", "client_id", "user_id", "user_properties", "scope", "issued_at", "expires_at", "grant_id", "extended_attributes",
    ];

    public static IReadOnlyList<string> RefreshTokens { get; } =
    [
        "digest", "client_id", "user_id", "user_properties", "scope", "issued_at", "expires_at", "grant_id", "redeemed_at",
    ];

    public static IReadOnlyList<string> AuthorizationCodes { get; } =
    [
        "digest", "client_id", "user_id", "user_properties", "scope", "issued_at", "expires_at", "redirect_uri",
        "redirect_uri_supplied", "code_challenge", "code_challenge_method", "grant_id", "redeemed_at",
    ];
}
