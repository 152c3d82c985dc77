using System.Text.Json.Serialization;

namespace OAuth2.Storage.Relational;

/// <summary>Source-generated JSON metadata for the list and property bag columns (no reflection at run time).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RelationalJsonContext : JsonSerializerContext;
