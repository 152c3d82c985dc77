using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>Stored form of an access token (a Redis string). Times are Unix milliseconds.</summary>
internal sealed class StoredAccessToken
{
    [JsonPropertyName("c")] public string ClientId { get; set; } = "";
    [JsonPropertyName("u")] public StoredUser User { get; set; } = new();
    [JsonPropertyName("s")] public List<string>? Scope { get; set; }
    [JsonPropertyName("ia")] public long IssuedAt { get; set; }
    [JsonPropertyName("ea")] public long ExpiresAt { get; set; }
    [JsonPropertyName("g")] public string GrantId { get; set; } = "";
    [JsonPropertyName("x")] public Dictionary<string, string>? ExtendedAttributes { get; set; }
    [JsonPropertyName("au")] public List<string>? Audience { get; set; }
}
