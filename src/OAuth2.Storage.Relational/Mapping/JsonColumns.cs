using System.Text.Json;

namespace OAuth2.Storage.Relational;

/// <summary>Lists and property bags are stored as JSON text, so every engine holds them in one portable column.</summary>
internal static class JsonColumns
{
    public static string ToJson(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize(values.ToArray(), RelationalJsonContext.Default.StringArray);

    public static string? ToJsonOrNull(IReadOnlyList<string>? values) => values is null ? null : ToJson(values);

    public static string ToJson(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(values, StringComparer.Ordinal), RelationalJsonContext.Default.DictionaryStringString);

    public static IReadOnlyList<string> ToList(string json) =>
        JsonSerializer.Deserialize(json, RelationalJsonContext.Default.StringArray)
        ?? throw new InvalidDataException("A JSON list column holds null.");

    public static IReadOnlyList<string>? ToListOrNull(string? json) => json is null ? null : ToList(json);

    public static IReadOnlyDictionary<string, string> ToDictionary(string json) =>
        JsonSerializer.Deserialize(json, RelationalJsonContext.Default.DictionaryStringString)
        ?? throw new InvalidDataException("A JSON property bag column holds null.");
}
