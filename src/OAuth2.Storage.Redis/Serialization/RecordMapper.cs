using System.Text.Json;
using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>Converts the domain records to and from their compact stored JSON.</summary>
internal static class RecordMapper
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>(0);

    public static byte[] Serialize(AccessToken token) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredAccessToken
        {
            ClientId = token.ClientId,
            User = ToStored(token.User),
            Scope = ListOrNull(token.Scope),
            IssuedAt = ToUnixMs(token.IssuedAt),
            ExpiresAt = ToUnixMs(token.ExpiresAt),
            GrantId = token.GrantId,
            ExtendedAttributes = DictionaryOrNull(token.ExtendedAttributes),
            Audience = ListOrNull(token.Audience),
            JwkThumbprint = token.JwkThumbprint,
        },
        RedisJsonContext.Default.StoredAccessToken);

    public static AccessToken DeserializeAccessToken(ReadOnlySpan<byte> json)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.StoredAccessToken) ?? throw Corrupt();
        return new AccessToken
        {
            ClientId = s.ClientId,
            User = FromStored(s.User),
            Scope = s.Scope ?? [],
            IssuedAt = FromUnixMs(s.IssuedAt),
            ExpiresAt = FromUnixMs(s.ExpiresAt),
            GrantId = s.GrantId,
            ExtendedAttributes = s.ExtendedAttributes ?? NoProperties,
            Audience = s.Audience ?? [],
            JwkThumbprint = s.JwkThumbprint,
        };
    }

    public static byte[] Serialize(RefreshToken token) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredRefreshToken
        {
            ClientId = token.ClientId,
            User = ToStored(token.User),
            Scope = ListOrNull(token.Scope),
            IssuedAt = ToUnixMs(token.IssuedAt),
            Resources = ListOrNull(token.Resources),
            JwkThumbprint = token.JwkThumbprint,
        },
        RedisJsonContext.Default.StoredRefreshToken);

    public static RefreshToken DeserializeRefreshToken(ReadOnlySpan<byte> json, string grantId, DateTimeOffset? expiresAt, DateTimeOffset? redeemedAt)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.StoredRefreshToken) ?? throw Corrupt();
        return new RefreshToken
        {
            ClientId = s.ClientId,
            User = FromStored(s.User),
            Scope = s.Scope ?? [],
            IssuedAt = FromUnixMs(s.IssuedAt),
            ExpiresAt = expiresAt,
            GrantId = grantId,
            RedeemedAt = redeemedAt,
            Resources = s.Resources ?? [],
            JwkThumbprint = s.JwkThumbprint,
        };
    }

    public static byte[] Serialize(AuthorizationCode code) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredAuthorizationCode
        {
            ClientId = code.ClientId,
            User = ToStored(code.User),
            Scope = ListOrNull(code.Scope),
            IssuedAt = ToUnixMs(code.IssuedAt),
            RedirectUri = code.RedirectUri,
            RedirectUriSupplied = code.RedirectUriSupplied,
            CodeChallenge = code.CodeChallenge,
            CodeChallengeMethod = code.CodeChallengeMethod,
            Resources = ListOrNull(code.Resources),
            DpopJkt = code.DpopJkt,
        },
        RedisJsonContext.Default.StoredAuthorizationCode);

    public static AuthorizationCode DeserializeAuthorizationCode(ReadOnlySpan<byte> json, string grantId, DateTimeOffset expiresAt, DateTimeOffset? redeemedAt)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.StoredAuthorizationCode) ?? throw Corrupt();
        return new AuthorizationCode
        {
            ClientId = s.ClientId,
            User = FromStored(s.User),
            Scope = s.Scope ?? [],
            IssuedAt = FromUnixMs(s.IssuedAt),
            ExpiresAt = expiresAt,
            RedirectUri = s.RedirectUri,
            RedirectUriSupplied = s.RedirectUriSupplied,
            CodeChallenge = s.CodeChallenge,
            CodeChallengeMethod = s.CodeChallengeMethod,
            GrantId = grantId,
            RedeemedAt = redeemedAt,
            Resources = s.Resources ?? [],
            DpopJkt = s.DpopJkt,
        };
    }

    public static byte[] Serialize(OAuth2Client client) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredClient
        {
            Id = client.Id,
            Type = (int)client.Type,
            SecretHash = client.SecretHash,
            RedirectUris = ListOrNull(client.RedirectUris),
            Grants = ListOrNull(client.Grants),
            Scopes = client.Scopes is null ? null : [.. client.Scopes],
            AccessTokenLifetime = client.AccessTokenLifetime?.Ticks,
            RefreshTokenLifetime = client.RefreshTokenLifetime?.Ticks,
            RequirePkce = client.RequirePkce,
            Properties = DictionaryOrNull(client.Properties),
            TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
            Jwks = client.Jwks,
            Resources = ListOrNull(client.Resources),
            DpopBoundAccessTokens = client.DpopBoundAccessTokens,
            RequirePushedAuthorizationRequests = client.RequirePushedAuthorizationRequests,
            RegistrationAccessTokenHash = client.RegistrationAccessTokenHash,
            ClientSecretExpiresAt = client.ClientSecretExpiresAt is { } secretExpiresAt ? ToUnixMs(secretExpiresAt) : null,
        },
        RedisJsonContext.Default.StoredClient);

    public static OAuth2Client DeserializeClient(ReadOnlySpan<byte> json)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.StoredClient) ?? throw Corrupt();
        return new OAuth2Client
        {
            Id = s.Id,
            Type = (ClientType)s.Type,
            SecretHash = s.SecretHash,
            RedirectUris = s.RedirectUris ?? [],
            Grants = s.Grants ?? [],
            Scopes = s.Scopes,
            AccessTokenLifetime = s.AccessTokenLifetime is { } at ? TimeSpan.FromTicks(at) : null,
            RefreshTokenLifetime = s.RefreshTokenLifetime is { } rt ? TimeSpan.FromTicks(rt) : null,
            RequirePkce = s.RequirePkce,
            Properties = s.Properties ?? NoProperties,
            TokenEndpointAuthMethod = s.TokenEndpointAuthMethod,
            Jwks = s.Jwks,
            Resources = s.Resources ?? [],
            DpopBoundAccessTokens = s.DpopBoundAccessTokens,
            RequirePushedAuthorizationRequests = s.RequirePushedAuthorizationRequests,
            RegistrationAccessTokenHash = s.RegistrationAccessTokenHash,
            ClientSecretExpiresAt = s.ClientSecretExpiresAt is { } secretExpiresAt ? FromUnixMs(secretExpiresAt) : null,
        };
    }

    public static byte[] Serialize(DeviceAuthorization authorization) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredDeviceAuthorization
        {
            ClientId = authorization.ClientId,
            Scope = ListOrNull(authorization.Scope),
            IssuedAt = ToUnixMs(authorization.IssuedAt),
            ExpiresAt = ToUnixMs(authorization.ExpiresAt),
            RetainUntil = ToUnixMs(authorization.RetainUntil),
            GrantId = authorization.GrantId,
            PollingIntervalSeconds = authorization.PollingIntervalSeconds,
            Status = (int)authorization.Status,
            User = authorization.User is null ? null : ToStored(authorization.User),
            LastPolledAt = authorization.LastPolledAt is { } polled ? ToUnixMs(polled) : null,
            RedeemedAt = authorization.RedeemedAt is { } redeemed ? ToUnixMs(redeemed) : null,
            Resources = ListOrNull(authorization.Resources),
        },
        RedisJsonContext.Default.StoredDeviceAuthorization);

    public static DeviceAuthorization DeserializeDeviceAuthorization(ReadOnlySpan<byte> json, long revision)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.StoredDeviceAuthorization) ?? throw Corrupt();
        return new DeviceAuthorization
        {
            ClientId = s.ClientId,
            Scope = s.Scope ?? [],
            IssuedAt = FromUnixMs(s.IssuedAt),
            ExpiresAt = FromUnixMs(s.ExpiresAt),
            RetainUntil = FromUnixMs(s.RetainUntil),
            GrantId = s.GrantId,
            PollingIntervalSeconds = s.PollingIntervalSeconds,
            Status = (DeviceAuthorizationStatus)s.Status,
            User = s.User is null ? null : FromStored(s.User),
            LastPolledAt = s.LastPolledAt is { } polled ? FromUnixMs(polled) : null,
            RedeemedAt = s.RedeemedAt is { } redeemed ? FromUnixMs(redeemed) : null,
            Revision = revision,
            Resources = s.Resources ?? [],
        };
    }

    /// <summary>UTC, truncated to whole milliseconds: the precision Redis TTLs work in.</summary>
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    private static StoredUser ToStored(OAuth2User user) => new() { Id = user.Id, Properties = DictionaryOrNull(user.Properties) };

    private static OAuth2User FromStored(StoredUser user) => new(user.Id) { Properties = user.Properties ?? NoProperties };

    private static List<string>? ListOrNull(IReadOnlyList<string>? list) => list is null || list.Count == 0 ? null : [.. list];

    private static Dictionary<string, string>? DictionaryOrNull(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? null : new Dictionary<string, string>(map, StringComparer.Ordinal);

    private static InvalidDataException Corrupt() => new("A record in Redis could not be read: it is empty or not in the expected format.");

    public static byte[] Serialize(PushedAuthorization request) => JsonSerializer.SerializeToUtf8Bytes(
        new StoredPushedAuthorization
        {
            ClientId = request.ClientId,
            Parameters = new Dictionary<string, string>(request.Parameters, StringComparer.Ordinal),
            IssuedAt = ToUnixMs(request.IssuedAt),
            ExpiresAt = ToUnixMs(request.ExpiresAt),
        },
        RedisJsonContext.Default.StoredPushedAuthorization);

    public static PushedAuthorization DeserializePushedAuthorization(ReadOnlySpan<byte> json, DateTimeOffset? consumedAt)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.StoredPushedAuthorization) ?? throw Corrupt();
        return new PushedAuthorization
        {
            ClientId = s.ClientId,
            Parameters = s.Parameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
            IssuedAt = FromUnixMs(s.IssuedAt),
            ExpiresAt = FromUnixMs(s.ExpiresAt),
            ConsumedAt = consumedAt,
        };
    }
}
