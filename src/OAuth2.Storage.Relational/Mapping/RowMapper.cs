using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational;

/// <summary>
/// Converts between the domain records and rows: times as Unix milliseconds (UTC), lifetimes as ticks, lists and
/// property bags as JSON text, the client type and the device authorization status by name.
/// </summary>
internal static class RowMapper
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromUnixMs(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static StatementParameters ClientParameters(OAuth2Client client) => new StatementParameters()
        .Text("client_id", client.Id)
        .Text("client_type", client.Type.ToString())
        .Text("secret_hash", client.SecretHash)
        .Text("redirect_uris", JsonColumns.ToJson(client.RedirectUris))
        .Text("grants", JsonColumns.ToJson(client.Grants))
        .Text("scopes", JsonColumns.ToJsonOrNull(client.Scopes))
        .Int64("access_token_lifetime_ticks", client.AccessTokenLifetime?.Ticks)
        .Int64("refresh_token_lifetime_ticks", client.RefreshTokenLifetime?.Ticks)
        .Boolean("require_pkce", client.RequirePkce)
        .Text("properties", JsonColumns.ToJson(client.Properties))
        .Text("token_endpoint_auth_method", client.TokenEndpointAuthMethod)
        .Text("jwks", client.Jwks)
        .Text("resources", JsonColumns.ToJson(client.Resources))
        .Boolean("dpop_bound_access_tokens", client.DpopBoundAccessTokens)
        .Boolean("require_par", client.RequirePushedAuthorizationRequests)
        .Text("registration_token_hash", client.RegistrationAccessTokenHash)
        .Int64("secret_expires_at", ToUnixMs(client.ClientSecretExpiresAt));

    public static OAuth2Client ToClient(ClientRow row) => new()
    {
        Id = row.client_id,
        Type = Enum.Parse<ClientType>(row.client_type, ignoreCase: false),
        SecretHash = row.secret_hash,
        RedirectUris = JsonColumns.ToList(row.redirect_uris),
        Grants = JsonColumns.ToList(row.grants),
        Scopes = JsonColumns.ToListOrNull(row.scopes),
        AccessTokenLifetime = row.access_token_lifetime_ticks is { } a ? TimeSpan.FromTicks(a) : null,
        RefreshTokenLifetime = row.refresh_token_lifetime_ticks is { } r ? TimeSpan.FromTicks(r) : null,
        RequirePkce = row.require_pkce,
        Properties = JsonColumns.ToDictionary(row.properties),
        TokenEndpointAuthMethod = row.token_endpoint_auth_method,
        Jwks = row.jwks,
        Resources = JsonColumns.ToListOrNull(row.resources) ?? [],
        DpopBoundAccessTokens = row.dpop_bound_access_tokens,
        RequirePushedAuthorizationRequests = row.require_par,
        RegistrationAccessTokenHash = row.registration_token_hash,
        ClientSecretExpiresAt = FromUnixMs(row.secret_expires_at),
    };

    public static StatementParameters PushedAuthorizationParameters(TokenDigest digest, PushedAuthorization request) => new StatementParameters()
        .Digest("digest", digest)
        .Text("client_id", request.ClientId)
        .Text("parameters", JsonColumns.ToJson(request.Parameters))
        .Int64("issued_at", ToUnixMs(request.IssuedAt))
        .Int64("expires_at", ToUnixMs(request.ExpiresAt))
        .Int64("consumed_at", ToUnixMs(request.ConsumedAt));

    public static PushedAuthorization ToPushedAuthorization(PushedAuthorizationRow row) => new()
    {
        ClientId = row.client_id,
        Parameters = JsonColumns.ToDictionary(row.parameters),
        IssuedAt = FromUnixMs(row.issued_at),
        ExpiresAt = FromUnixMs(row.expires_at),
        ConsumedAt = FromUnixMs(row.consumed_at),
    };

    public static StatementParameters AccessTokenParameters(TokenDigest digest, AccessToken token) => new StatementParameters()
        .Digest("digest", digest)
        .Text("client_id", token.ClientId)
        .Text("user_id", token.User.Id)
        .Text("user_properties", JsonColumns.ToJson(token.User.Properties))
        .Text("scope", JsonColumns.ToJson(token.Scope))
        .Int64("issued_at", ToUnixMs(token.IssuedAt))
        .Int64("expires_at", ToUnixMs(token.ExpiresAt))
        .Text("grant_id", token.GrantId)
        .Text("extended_attributes", JsonColumns.ToJson(token.ExtendedAttributes))
        .Text("audience", JsonColumns.ToJson(token.Audience))
        .Text("jkt", token.JwkThumbprint);

    public static AccessToken ToAccessToken(AccessTokenRow row) => new()
    {
        ClientId = row.client_id,
        User = ToUser(row.user_id, row.user_properties),
        Scope = JsonColumns.ToList(row.scope),
        IssuedAt = FromUnixMs(row.issued_at),
        ExpiresAt = FromUnixMs(row.expires_at),
        GrantId = row.grant_id,
        ExtendedAttributes = JsonColumns.ToDictionary(row.extended_attributes),
        Audience = JsonColumns.ToListOrNull(row.audience) ?? [],
        JwkThumbprint = row.jkt,
    };

    public static StatementParameters RefreshTokenParameters(TokenDigest digest, RefreshToken token) => new StatementParameters()
        .Digest("digest", digest)
        .Text("client_id", token.ClientId)
        .Text("user_id", token.User.Id)
        .Text("user_properties", JsonColumns.ToJson(token.User.Properties))
        .Text("scope", JsonColumns.ToJson(token.Scope))
        .Int64("issued_at", ToUnixMs(token.IssuedAt))
        .Int64("expires_at", ToUnixMs(token.ExpiresAt))
        .Text("grant_id", token.GrantId)
        .Int64("redeemed_at", ToUnixMs(token.RedeemedAt))
        .Text("resources", JsonColumns.ToJson(token.Resources))
        .Text("jkt", token.JwkThumbprint);

    public static RefreshToken ToRefreshToken(RefreshTokenRow row) => new()
    {
        ClientId = row.client_id,
        User = ToUser(row.user_id, row.user_properties),
        Scope = JsonColumns.ToList(row.scope),
        IssuedAt = FromUnixMs(row.issued_at),
        ExpiresAt = FromUnixMs(row.expires_at),
        GrantId = row.grant_id,
        RedeemedAt = FromUnixMs(row.redeemed_at),
        Resources = JsonColumns.ToListOrNull(row.resources) ?? [],
        JwkThumbprint = row.jkt,
    };

    public static StatementParameters AuthorizationCodeParameters(TokenDigest digest, AuthorizationCode code) => new StatementParameters()
        .Digest("digest", digest)
        .Text("client_id", code.ClientId)
        .Text("user_id", code.User.Id)
        .Text("user_properties", JsonColumns.ToJson(code.User.Properties))
        .Text("scope", JsonColumns.ToJson(code.Scope))
        .Int64("issued_at", ToUnixMs(code.IssuedAt))
        .Int64("expires_at", ToUnixMs(code.ExpiresAt))
        .Text("redirect_uri", code.RedirectUri)
        .Boolean("redirect_uri_supplied", code.RedirectUriSupplied)
        .Text("code_challenge", code.CodeChallenge)
        .Text("code_challenge_method", code.CodeChallengeMethod)
        .Text("grant_id", code.GrantId)
        .Int64("redeemed_at", ToUnixMs(code.RedeemedAt))
        .Text("resources", JsonColumns.ToJson(code.Resources))
        .Text("dpop_jkt", code.DpopJkt);

    public static AuthorizationCode ToAuthorizationCode(AuthorizationCodeRow row) => new()
    {
        ClientId = row.client_id,
        User = ToUser(row.user_id, row.user_properties),
        Scope = JsonColumns.ToList(row.scope),
        IssuedAt = FromUnixMs(row.issued_at),
        ExpiresAt = FromUnixMs(row.expires_at),
        RedirectUri = row.redirect_uri,
        RedirectUriSupplied = row.redirect_uri_supplied,
        CodeChallenge = row.code_challenge,
        CodeChallengeMethod = row.code_challenge_method,
        GrantId = row.grant_id,
        RedeemedAt = FromUnixMs(row.redeemed_at),
        Resources = JsonColumns.ToListOrNull(row.resources) ?? [],
        DpopJkt = row.dpop_jkt,
    };

    /// <summary>Every column of a new row: both digests, the record, the status by name, the user (or nulls).</summary>
    public static StatementParameters DeviceAuthorizationParameters(TokenDigest deviceDigest, TokenDigest userDigest, DeviceAuthorization authorization) =>
        DeviceAuthorizationValues(new StatementParameters()
                .Digest("device_digest", deviceDigest)
                .Digest("user_digest", userDigest)
                .Int64("retain_until", ToUnixMs(authorization.RetainUntil)),
            authorization);

    /// <summary>The replacement columns of an update (the keys and the retention stay), with its compare-and-swap guard.</summary>
    public static StatementParameters DeviceAuthorizationUpdateParameters(TokenDigest deviceDigest, long expectedRevision, DeviceAuthorization authorization, long now) =>
        DeviceAuthorizationValues(new StatementParameters(), authorization)
            .Digest("device_digest", deviceDigest)
            .Int64("expected_revision", expectedRevision)
            .Int64("now", now);

    public static DeviceAuthorization ToDeviceAuthorization(DeviceAuthorizationRow row) => new()
    {
        ClientId = row.client_id,
        Scope = JsonColumns.ToList(row.scope),
        IssuedAt = FromUnixMs(row.issued_at),
        ExpiresAt = FromUnixMs(row.expires_at),
        RetainUntil = FromUnixMs(row.retain_until),
        GrantId = row.grant_id,
        PollingIntervalSeconds = row.polling_interval_seconds,
        Status = Enum.Parse<DeviceAuthorizationStatus>(row.status, ignoreCase: false),
        User = row.user_id is { } userId ? ToUser(userId, row.user_properties ?? "{}") : null,
        LastPolledAt = FromUnixMs(row.last_polled_at),
        RedeemedAt = FromUnixMs(row.redeemed_at),
        Revision = row.revision,
        Resources = JsonColumns.ToListOrNull(row.resources) ?? [],
    };

    private static StatementParameters DeviceAuthorizationValues(StatementParameters parameters, DeviceAuthorization authorization) => parameters
        .Text("client_id", authorization.ClientId)
        .Text("scope", JsonColumns.ToJson(authorization.Scope))
        .Int64("issued_at", ToUnixMs(authorization.IssuedAt))
        .Int64("expires_at", ToUnixMs(authorization.ExpiresAt))
        .Text("grant_id", authorization.GrantId)
        .Int32("polling_interval_seconds", authorization.PollingIntervalSeconds)
        .Text("status", authorization.Status.ToString())
        .Text("user_id", authorization.User?.Id)
        .Text("user_properties", authorization.User is { } user ? JsonColumns.ToJson(user.Properties) : null)
        .Int64("last_polled_at", ToUnixMs(authorization.LastPolledAt))
        .Int64("redeemed_at", ToUnixMs(authorization.RedeemedAt))
        .Int64("revision", authorization.Revision)
        .Text("resources", JsonColumns.ToJson(authorization.Resources));

    private static OAuth2User ToUser(string id, string propertiesJson) =>
        new(id) { Properties = JsonColumns.ToDictionary(propertiesJson) };
}
