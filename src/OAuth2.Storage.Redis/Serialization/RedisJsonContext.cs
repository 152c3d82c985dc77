using System.Text.Json.Serialization;

namespace OAuth2.Storage.Redis.Serialization;

/// <summary>
/// Source-generated serializers for the stored records: short, stable property names; default values (nulls,
/// zeros, <c>false</c>) are left out and read back as the same defaults.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(StoredAccessToken))]
[JsonSerializable(typeof(StoredRefreshToken))]
[JsonSerializable(typeof(StoredAuthorizationCode))]
[JsonSerializable(typeof(StoredClient))]
[JsonSerializable(typeof(StoredDeviceAuthorization))]
[JsonSerializable(typeof(StoredPushedAuthorization))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
