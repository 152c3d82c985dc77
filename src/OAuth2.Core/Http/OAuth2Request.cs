namespace OAuth2.Http;

/// <summary>
/// A framework-neutral HTTP request: what a host (ASP.NET Core, a function, a test) maps its own request to.
/// </summary>
public sealed record OAuth2Request
{
    /// <summary>The HTTP method, upper case (<c>GET</c>, <c>POST</c>).</summary>
    public required string Method { get; init; }

    /// <summary>Headers, names compared without regard to case.</summary>
    public ParameterCollection Headers { get; init; } = EmptyHeaders;

    public ParameterCollection Query { get; init; } = ParameterCollection.Empty;

    /// <summary>The decoded <c>application/x-www-form-urlencoded</c> body; empty when the request has none.</summary>
    public ParameterCollection Form { get; init; } = ParameterCollection.Empty;

    /// <summary>The request URL's path, for hosts that want it in errors and logs.</summary>
    public string? Path { get; init; }

    private static readonly ParameterCollection EmptyHeaders = ParameterCollection.From(Array.Empty<KeyValuePair<string, string>>(), ignoreCase: true);

    /// <summary>The <c>Content-Type</c> header, or <c>null</c>.</summary>
    public string? ContentType => Headers.GetAll("Content-Type") is [var value, ..] ? value : null;

    /// <summary>Whether the body is a form (<c>application/x-www-form-urlencoded</c>, any parameters such as charset).</summary>
    public bool HasFormContentType
    {
        get
        {
            var type = ContentType;
            if (type is null)
            {
                return false;
            }

            var semicolon = type.IndexOf(';', StringComparison.Ordinal);
            var media = (semicolon < 0 ? type : type[..semicolon]).Trim();
            return media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The single value of a header; a header sent more than once is ambiguous and is <c>invalid_request</c>.</summary>
    public string? GetHeader(string name)
    {
        var values = Headers.GetAll(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new Errors.InvalidRequestException($"Invalid request: header `{name}` is repeated"),
        };
    }

    /// <summary>
    /// The absolute request URL without query and fragment (scheme, host, port, path) as the client addressed it:
    /// what a DPoP proof's <c>htu</c> must name (RFC 9449 section 4.3). <c>null</c> when the host does not say, and then
    /// every DPoP proof is refused. Behind a proxy, restore the public scheme and host first (forwarded headers).
    /// </summary>
    public string? Url { get; init; }

    /// <summary>
    /// The raw body of a JSON request (dynamic client registration, RFC 7591); empty for form requests, whose body is
    /// <see cref="Form"/>. The host bounds its size.
    /// </summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}
