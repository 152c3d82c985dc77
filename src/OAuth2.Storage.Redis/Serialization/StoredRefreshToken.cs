using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>
/// Stored form of a refresh token: the <c>v</c> field of its hash. Grant id, expiry and redemption time live in
/// their own hash fields, where the redeem script reads and writes them.
/// </summary>
internal sealed class StoredRefreshToken
{
    [JsonPropertyName("c")] public string ClientId { get; set; } = "";
    [JsonPropertyName("u")] public StoredUser User { get; set; } = new();
    [JsonPropertyName("s")] public List<string>? Scope { get; set; }
    [JsonPropertyName("ia")] public long IssuedAt { get; set; }
    [JsonPropertyName("rs")] public List<string>? Resources { get; set; }
}
