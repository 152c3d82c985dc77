using System.Text.Json;

namespace OAuth2.Jwt;

/// <summary>
/// The one strict JSON reading every JOSE object gets: a single object, no duplicate member names (RFC 7515 section 4
/// and RFC 7517 section 4 allow rejecting them; accepting the "last one" lets two parsers disagree on a header), no
/// comments or trailing commas, shallow nesting.
/// </summary>
internal static class JoseJson
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>Parses UTF-8 JSON into a detached object element; <c>false</c> for anything but one strict JSON object.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, out JsonElement element)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), Strict);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses JSON text into a detached object element; <c>false</c> for anything but one strict JSON object.</summary>
    public static bool TryParseObject(string text, out JsonElement element)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(text, Strict);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A string member, or <c>null</c> when absent; <c>false</c> when present with another JSON type.</summary>
    public static bool TryGetOptionalString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var member))
        {
            return true;
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = member.GetString();
        return true;
    }
}
