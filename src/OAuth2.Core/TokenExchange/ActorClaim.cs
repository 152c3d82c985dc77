using System.Text.Json;
using OAuth2.Errors;

namespace OAuth2.TokenExchange;

/// <summary>
/// The <c>act</c> claim (RFC 8693 section 4.1) as JSON, and the stored access token attribute that carries it (no new
/// stored field: every store already keeps extended attributes). Read in one place, with a bounded depth, for the
/// grant, the JWT codec and introspection.
/// </summary>
internal static class ActorClaim
{
    /// <summary>The stored access token attribute holding the <c>act</c> claim as JSON.</summary>
    public const string ActorAttribute = "act";

    /// <summary>The longest delegation chain accepted: a longer one is refused, so nesting never grows without bound.</summary>
    public const int MaxDepth = 8;

    public static int Depth(TokenActor? actor)
    {
        var depth = 0;
        for (var link = actor; link is not null; link = link.Actor)
        {
            depth++;
        }

        return depth;
    }

    public static string ToJson(TokenActor actor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, actor);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter writer, TokenActor actor)
    {
        writer.WriteStartObject();
        writer.WriteString("sub", actor.Subject);
        if (actor.Issuer is not null)
        {
            writer.WriteString("iss", actor.Issuer);
        }

        if (actor.ClientId is not null)
        {
            writer.WriteString("client_id", actor.ClientId);
        }

        if (actor.Actor is not null)
        {
            writer.WritePropertyName("act");
            Write(writer, actor.Actor);
        }

        writer.WriteEndObject();
    }

    /// <summary>The chain in <paramref name="json"/>, or <c>null</c> if absent; malformed or too deep is a <see cref="FormatException"/>.</summary>
    public static TokenActor? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth + 2 });
            return Read(document.RootElement, 1);
        }
        catch (JsonException e)
        {
            throw new FormatException("The act claim is malformed.", e);
        }
    }

    /// <summary>Reads an <c>act</c> claim value; any malformation is a <see cref="FormatException"/>.</summary>
    public static TokenActor Read(JsonElement element, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object || depth > MaxDepth
            || !element.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(sub.GetString()))
        {
            throw new FormatException("The act claim is malformed or nested too deeply.");
        }

        return new TokenActor(sub.GetString()!)
        {
            Issuer = OptionalString(element, "iss"),
            ClientId = OptionalString(element, "client_id"),
            Actor = element.TryGetProperty("act", out var inner) ? Read(inner, depth + 1) : null,
        };
    }

    /// <summary>The <c>act</c> claim as a JSON value for a response body (introspection).</summary>
    public static JsonElement ToElement(TokenActor actor)
    {
        using var document = JsonDocument.Parse(ToJson(actor));
        return document.RootElement.Clone();
    }

    /// <summary>The attributes a stored exchanged access token carries.</summary>
    public static IReadOnlyDictionary<string, string> Attributes(TokenActor? actor)
        => actor is null
            ? System.Collections.Frozen.FrozenDictionary<string, string>.Empty
            : new Dictionary<string, string>(1, StringComparer.Ordinal) { [ActorAttribute] = ToJson(actor) };

    /// <summary>The actor recorded on a stored access token; a malformed record is the store's fault, so it reads as a server error.</summary>
    public static TokenActor? FromAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        try
        {
            return Parse(attributes.GetValueOrDefault(ActorAttribute));
        }
        catch (FormatException e)
        {
            throw new ServerErrorException("Server error: a stored token's act claim is malformed", e);
        }
    }

    private static string? OptionalString(JsonElement element, string name)
        => element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"The act claim's {name} is not a string.")
            : null;
}
