using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>Stored form of a client. Lifetimes are ticks so they round-trip exactly.</summary>
internal sealed class StoredClient
{
    [JsonPropertyName("i")] public string Id { get; set; } = "";
    [JsonPropertyName("t")] public int Type { get; set; }
    [JsonPropertyName("h")] public string? SecretHash { get; set; }
    [JsonPropertyName("ru")] public List<string>? RedirectUris { get; set; }
    [JsonPropertyName("gr")] public List<string>? Grants { get; set; }

    /// <summary>Unlike the other lists, <c>null</c> and empty mean different things here, so both are kept.</summary>
    [JsonPropertyName("s")] public List<string>? Scopes { get; set; }
    [JsonPropertyName("at")] public long? AccessTokenLifetime { get; set; }
    [JsonPropertyName("rt")] public long? RefreshTokenLifetime { get; set; }
    [JsonPropertyName("pk")] public bool RequirePkce { get; set; }
    [JsonPropertyName("p")] public Dictionary<string, string>? Properties { get; set; }

    /// <summary>Optional members added with private_key_jwt: absent in older records, which read as <c>null</c>.</summary>
    [JsonPropertyName("am")] public string? TokenEndpointAuthMethod { get; set; }
    [JsonPropertyName("jw")] public string? Jwks { get; set; }
    [JsonPropertyName("rs")] public List<string>? Resources { get; set; }
    [JsonPropertyName("dpop")] public bool DpopBoundAccessTokens { get; set; }
    [JsonPropertyName("par")] public bool RequirePushedAuthorizationRequests { get; set; }

    /// <summary>Absent in clients stored before dynamic registration existed: reads as <c>null</c>.</summary>
    [JsonPropertyName("rh")] public string? RegistrationAccessTokenHash { get; set; }

    /// <summary>Unix ms; absent in clients stored before secrets could expire (and for a secret that never does): reads as <c>null</c>.</summary>
    [JsonPropertyName("sx")] public long? ClientSecretExpiresAt { get; set; }
}
