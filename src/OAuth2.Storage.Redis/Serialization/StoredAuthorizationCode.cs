using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>Stored form of an authorization code: the <c>v</c> field of its hash (see <see cref="StoredRefreshToken"/>).</summary>
internal sealed class StoredAuthorizationCode
{
    [JsonPropertyName("c")] public string ClientId { get; set; } = "";
    [JsonPropertyName("u")] public StoredUser User { get; set; } = new();
    [JsonPropertyName("s")] public List<string>? Scope { get; set; }
    [JsonPropertyName("ia")] public long IssuedAt { get; set; }
    [JsonPropertyName("ru")] public string? RedirectUri { get; set; }
    [JsonPropertyName("rs")] public bool RedirectUriSupplied { get; set; }
    [JsonPropertyName("cc")] public string? CodeChallenge { get; set; }
    [JsonPropertyName("cm")] public string? CodeChallengeMethod { get; set; }
    [JsonPropertyName("res")] public List<string>? Resources { get; set; }
    [JsonPropertyName("djkt")] public string? DpopJkt { get; set; }
}
