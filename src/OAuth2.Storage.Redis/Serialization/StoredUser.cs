using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>Stored form of <see cref="OAuth2User"/>.</summary>
internal sealed class StoredUser
{
    [JsonPropertyName("i")] public string Id { get; set; } = "";
    [JsonPropertyName("p")] public Dictionary<string, string>? Properties { get; set; }
}
