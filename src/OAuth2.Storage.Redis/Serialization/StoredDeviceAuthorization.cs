using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>
/// Stored form of a device authorization: the <c>v</c> field of its hash. The revision lives in its own field
/// (<c>n</c>), where the update script compares it; times are Unix milliseconds.
/// </summary>
internal sealed class StoredDeviceAuthorization
{
    [JsonPropertyName("c")] public string ClientId { get; set; } = "";
    [JsonPropertyName("s")] public List<string>? Scope { get; set; }
    [JsonPropertyName("ia")] public long IssuedAt { get; set; }
    [JsonPropertyName("ea")] public long ExpiresAt { get; set; }
    [JsonPropertyName("ra")] public long RetainUntil { get; set; }
    [JsonPropertyName("g")] public string GrantId { get; set; } = "";
    [JsonPropertyName("pi")] public int PollingIntervalSeconds { get; set; }
    [JsonPropertyName("st")] public int Status { get; set; }
    [JsonPropertyName("u")] public StoredUser? User { get; set; }
    [JsonPropertyName("lp")] public long? LastPolledAt { get; set; }
    [JsonPropertyName("rd")] public long? RedeemedAt { get; set; }
    [JsonPropertyName("rs")] public List<string>? Resources { get; set; }
}
