using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Redis.Tests.Infrastructure;

/// <summary>Test records with every field set to something that would show a lossy round trip.</summary>
internal static class Samples
{
    public static DateTimeOffset Now(TimeProvider? time = null) =>
        DateTimeOffset.FromUnixTimeMilliseconds((time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds());

    public static string NewValue() => "plain-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public static OAuth2User User() => new("user-é-🔑") { Properties = new Dictionary<string, string> { ["name"] = "Zoë \"quoted\"", ["empty"] = "" } };

    public static AccessToken Access(string grantId, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        ClientId = "client-Ä",
        User = User(),
        Scope = ["read", "write", "ünïcode"],
        IssuedAt = now,
        ExpiresAt = now + lifetime,
        GrantId = grantId,
        ExtendedAttributes = new Dictionary<string, string> { ["tenant"] = "t-1", ["long"] = new string('x', 5000) },
    };

    public static RefreshToken Refresh(string grantId, DateTimeOffset now, TimeSpan? lifetime) => new()
    {
        ClientId = "client-Ä",
        User = User(),
        Scope = [],
        IssuedAt = now,
        ExpiresAt = now + lifetime,
        GrantId = grantId,
    };

    public static AuthorizationCode Code(string grantId, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        ClientId = "client-Ä",
        User = new OAuth2User("u"),
        Scope = ["openid"],
        IssuedAt = now,
        ExpiresAt = now + lifetime,
        RedirectUri = "https://app.example/cb?x=1&y=ü",
        RedirectUriSupplied = true,
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        CodeChallengeMethod = "S256",
        GrantId = grantId,
    };

    /// <summary>A pending device authorization that expires after <paramref name="lifetime"/> and is retained for <paramref name="retention"/>.</summary>
    public static DeviceAuthorization Device(DateTimeOffset now, TimeSpan lifetime, TimeSpan retention) => new()
    {
        ClientId = "device-client-Ä",
        Scope = ["read", "ünïcode"],
        IssuedAt = now,
        ExpiresAt = now + lifetime,
        RetainUntil = now + retention,
        GrantId = Guid.NewGuid().ToString(),
        PollingIntervalSeconds = 5,
    };

    public static OAuth2Client Client(string id) => new()
    {
        Id = id,
        Type = ClientType.Public,
        SecretHash = null,
        RedirectUris = ["https://a.example/cb", "http://127.0.0.1/cb"],
        Grants = ["authorization_code", "refresh_token"],
        Scopes = [],
        AccessTokenLifetime = TimeSpan.FromTicks(123456789),
        RefreshTokenLifetime = null,
        RequirePkce = true,
        Properties = new Dictionary<string, string> { ["display"] = "Ünïcødé app 🚀" },
    };
}
