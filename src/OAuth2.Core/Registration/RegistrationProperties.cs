using System.Text.Json;

namespace OAuth2.Registration;

/// <summary>
/// The registration metadata a client record keeps in <see cref="Clients.OAuth2Client.Properties"/> (no schema change
/// in any store), under the RFC 7591 member names; lists as JSON array text, times as Unix seconds. What the server
/// acts on has typed fields instead: <c>token_endpoint_auth_method</c>, <c>jwks</c> and <c>client_secret_expires_at</c>
/// on the client record.
/// </summary>
internal static class RegistrationProperties
{
    public const string ResponseTypes = "response_types";
    public const string Contacts = "contacts";
    public const string ClientIdIssuedAt = "client_id_issued_at";

    public static string ToJsonArray(IReadOnlyList<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The list a property holds; empty when it is absent or not a JSON array of strings.</summary>
    public static string[] FromJsonArray(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
