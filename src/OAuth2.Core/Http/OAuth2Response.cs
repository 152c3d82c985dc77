using System.Text.Json;

namespace OAuth2.Http;

/// <summary>
/// What a handler answers: status, headers, and either a JSON body or a redirect. The host copies it onto its own
/// response; the core never writes to the wire.
/// </summary>
public sealed class OAuth2Response
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An empty 200 response.</summary>
    public OAuth2Response()
        : this(new ResponseHeaders())
    {
    }

    private OAuth2Response(ResponseHeaders headers) => Headers = headers;

    public int StatusCode { get; set; } = 200;

    /// <summary>Response headers (names compared without regard to case).</summary>
    public IDictionary<string, string> Headers { get; }

    /// <summary>A JSON response whose headers start as the shared <paramref name="headers"/> (copied on first change).</summary>
    internal static OAuth2Response Json(int statusCode, IReadOnlyDictionary<string, object?> body, KeyValuePair<string, string>[] headers)
        => new(ResponseHeaders.StartingWith(headers)) { StatusCode = statusCode, Body = body };

    /// <summary>The JSON body's members (strings, numbers, booleans, string arrays); <c>null</c> for no body.</summary>
    public IReadOnlyDictionary<string, object?>? Body { get; set; }

    /// <summary>The redirect target of a redirect response; also set as the <c>Location</c> header.</summary>
    public string? RedirectLocation { get; private set; }

    /// <summary>Turns the response into a redirect (302, or 303 after a POST so credentials are never re-posted).</summary>
    public void Redirect(string location, int statusCode = 302)
    {
        StatusCode = statusCode;
        RedirectLocation = location;
        Headers["Location"] = location;
        Body = null;
    }

    /// <summary>The body serialised as UTF-8 JSON, or an empty array when there is none.</summary>
    public byte[] GetJsonBody() => Body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(Body, JsonOptions);
}
