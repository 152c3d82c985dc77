using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Relational.Tests.Store;

/// <summary>Sample records with every field set (or deliberately unset).</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero);

    public static OAuth2User User { get; } = new("user-Ω-👤") { Properties = new Dictionary<string, string> { ["name"] = "Zoë", ["empty"] = string.Empty } };

    public static OAuth2Client Client(string id) => new()
    {
        Id = id,
        Type = ClientType.Public,
        SecretHash = null,
        RedirectUris = ["https://app.example/cb", "http://127.0.0.1/cb"],
        Grants = ["authorization_code", "refresh_token"],
        Scopes = [],
        AccessTokenLifetime = TimeSpan.FromTicks(12_345_678_901),
        RefreshTokenLifetime = null,
        RequirePkce = true,
        Properties = new Dictionary<string, string> { ["display"] = "Ünïcode ✓", ["long"] = new string('x', 5000) },
    };

    public static AccessToken Access(string grantId, DateTimeOffset expiresAt) => new()
    {
        ClientId = "client-1",
        User = User,
        Scope = ["read", "write"],
        IssuedAt = Now,
        ExpiresAt = expiresAt,
        GrantId = grantId,
        ExtendedAttributes = new Dictionary<string, string> { ["tenant"] = "t-1" },
    };

    public static RefreshToken Refresh(string grantId, DateTimeOffset? expiresAt) => new()
    {
        ClientId = "client-1",
        User = User,
        Scope = [],
        IssuedAt = Now,
        ExpiresAt = expiresAt,
        GrantId = grantId,
    };

    public static AuthorizationCode Code(string grantId, DateTimeOffset expiresAt) => new()
    {
        ClientId = "client-1",
        User = User,
        Scope = ["openid"],
        IssuedAt = Now,
        ExpiresAt = expiresAt,
        RedirectUri = "https://app.example/cb?x=1",
        RedirectUriSupplied = true,
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        CodeChallengeMethod = "S256",
        GrantId = grantId,
    };

    public static DeviceAuthorization Device(DateTimeOffset retainUntil) => new()
    {
        ClientId = "client-1",
        Scope = ["read"],
        IssuedAt = Now,
        ExpiresAt = retainUntil < Now.AddMinutes(10) ? retainUntil : Now.AddMinutes(10),
        RetainUntil = retainUntil,
        GrantId = "device-grant",
        PollingIntervalSeconds = 5,
    };

    public static TokenDigest Digest(string value) => TokenDigest.Compute(value);

    /// <summary>A unique plaintext token value.</summary>
    public static string NewToken() => "tok-" + Guid.NewGuid().ToString("N");
}
