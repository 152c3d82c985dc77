using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>Stored form of a pushed authorization request; times in Unix ms. The consumption mark is a hash field of its own.</summary>
internal sealed class StoredPushedAuthorization
{
    [JsonPropertyName("c")] public string ClientId { get; set; } = "";
    [JsonPropertyName("p")] public Dictionary<string, string>? Parameters { get; set; }
    [JsonPropertyName("ia")] public long IssuedAt { get; set; }
    [JsonPropertyName("ea")] public long ExpiresAt { get; set; }
}
