using OAuth2.Clients;
using OAuth2.Tokens;

namespace OAuth2.Storage.Mongo.Tests;

/// <summary>Items with every field set to something awkward (unicode, odd keys, sub-millisecond times).</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Issued = new(2026, 11, 29, 3, 4, 5, 678, TimeSpan.FromHours(2));

    public static readonly IReadOnlyDictionary<string, string> OddBag = new Dictionary<string, string>
    {
        ["name"] = "Zoë ✓ 日本",
        ["a.b"] = "dotted key",
        ["$where"] = "dollar key",
        [""] = "empty key",
        ["nul"] = "with\0nul",
    };

    public static OAuth2User User => new("user-ü-1") { Properties = OddBag };

    public static OAuth2Client Client => new()
    {
        Id = "Client-Ä",
        Type = ClientType.Public,
        SecretHash = "sha256$abc",
        RedirectUris = ["https://app.example/cb", "http://127.0.0.1/cb"],
        Grants = ["authorization_code", "refresh_token"],
        Scopes = ["read", "write"],
        AccessTokenLifetime = TimeSpan.FromTicks(12_345_678_901),
        RefreshTokenLifetime = TimeSpan.FromDays(30),
        RequirePkce = true,
        Properties = OddBag,
    };

    public static AccessToken AccessToken => new()
    {
        ClientId = "Client-Ä",
        User = User,
        Scope = ["read", "wríte"],
        IssuedAt = Issued,
        ExpiresAt = Issued.AddHours(1),
        GrantId = "grant-1",
        ExtendedAttributes = new Dictionary<string, string> { ["tenant"] = "t-1" },
    };

    public static RefreshToken RefreshToken => new()
    {
        ClientId = "Client-Ä",
        User = User,
        Scope = ["read"],
        IssuedAt = Issued,
        ExpiresAt = Issued.AddDays(30),
        GrantId = "grant-1",
        RedeemedAt = Issued.AddMinutes(5),
    };

    public static AuthorizationCode Code => new()
    {
        ClientId = "Client-Ä",
        User = User,
        Scope = ["openid", "read"],
        IssuedAt = Issued,
        ExpiresAt = Issued.AddMinutes(10),
        RedirectUri = "https://app.example/cb?x=1",
        RedirectUriSupplied = true,
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        CodeChallengeMethod = "S256",
        GrantId = "grant-1",
        RedeemedAt = null,
    };

    /// <summary>Approved, polled and redeemed: every optional set, sub-millisecond times in odd offsets, a revision past 2^32.</summary>
    public static DeviceAuthorization Device => new()
    {
        ClientId = "Client-Ä",
        Scope = ["z-last", "openid", "a-first", "$not-a-path"],
        IssuedAt = Issued.AddTicks(1111),
        ExpiresAt = Issued.AddMinutes(10).AddTicks(2222).ToOffset(TimeSpan.FromHours(-5)),
        RetainUntil = Issued.AddMinutes(20).AddTicks(3333),
        GrantId = "grant-d",
        PollingIntervalSeconds = 15,
        Status = DeviceAuthorizationStatus.Approved,
        User = User,
        LastPolledAt = Issued.AddSeconds(30).AddTicks(4444).ToOffset(TimeSpan.FromHours(5.5)),
        RedeemedAt = Issued.AddSeconds(31).AddTicks(5555),
        Revision = 4_000_000_000L,
    };

    /// <summary>Just saved: pending, no user, never polled.</summary>
    public static DeviceAuthorization PendingDevice => new()
    {
        ClientId = "Client-Ä",
        Scope = [],
        IssuedAt = Issued,
        ExpiresAt = Issued.AddMinutes(10),
        RetainUntil = Issued.AddMinutes(20),
        GrantId = "grant-d",
        PollingIntervalSeconds = 5,
    };

    public static TokenDigest Digest(string value) => TokenDigest.Compute(value);

    /// <summary>What a store keeps of a time: UTC, millisecond precision.</summary>
    public static DateTimeOffset Ms(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
