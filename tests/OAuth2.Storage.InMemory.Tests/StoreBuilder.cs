using Microsoft.Extensions.Time.Testing;
using OAuth2.Tokens;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>Records and clocks for the InMemoryStore-specific tests.</summary>
internal static class StoreBuilder
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static FakeTimeProvider Clock() => new(Start);

    public static TokenDigest Digest() => TokenDigest.Compute(Guid.NewGuid().ToString("N"));

    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static AccessToken Access(string grantId, DateTimeOffset expiresAt) => new()
    {
        ClientId = "client",
        User = new OAuth2User("user"),
        Scope = ["read"],
        IssuedAt = Start,
        ExpiresAt = expiresAt,
        GrantId = grantId,
    };

    public static RefreshToken Refresh(string grantId, DateTimeOffset? expiresAt) => new()
    {
        ClientId = "client",
        User = new OAuth2User("user"),
        Scope = ["read"],
        IssuedAt = Start,
        ExpiresAt = expiresAt,
        GrantId = grantId,
    };

    public static AuthorizationCode Code(string grantId, DateTimeOffset expiresAt) => new()
    {
        ClientId = "client",
        User = new OAuth2User("user"),
        IssuedAt = Start,
        ExpiresAt = expiresAt,
        GrantId = grantId,
    };
}
