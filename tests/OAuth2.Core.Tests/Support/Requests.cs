using System.Text;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Support;

/// <summary>Builds framework-neutral requests the way a host would map them.</summary>
public static class Requests
{
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>An RFC 6749 section 2.3.1 Basic header: each half form-urlencoded, then base64.</summary>
    public static string Basic(string clientId, string secret)
        => BasicRaw(FormUrlEncoding.Encode(clientId) + ":" + FormUrlEncoding.Encode(secret));

    /// <summary>A Basic header over exactly these characters (no form encoding).</summary>
    public static string BasicRaw(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

    public static ParameterCollection Headers(params (string Name, string Value)[] headers)
        => ParameterCollection.From(headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), ignoreCase: true);

    public static OAuth2Request Token(string body, string? authorization = null, string? query = null, string method = "POST", string? contentType = Form)
    {
        var headers = new List<(string, string)>();
        if (contentType is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        if (authorization is not null)
        {
            headers.Add(("Authorization", authorization));
        }

        return new OAuth2Request
        {
            Method = method,
            Headers = Headers([.. headers]),
            Form = FormUrlEncoding.Parse(body),
            Query = query is null ? ParameterCollection.Empty : FormUrlEncoding.Parse(query),
        };
    }

    public static OAuth2Request AuthorizeGet(string query, string? authorization = null)
        => new()
        {
            Method = "GET",
            Query = FormUrlEncoding.Parse(query),
            Headers = authorization is null ? Headers() : Headers(("Authorization", authorization)),
        };

    public static OAuth2Request AuthorizePost(string body, string? contentType = Form)
        => new()
        {
            Method = "POST",
            Form = FormUrlEncoding.Parse(body),
            Headers = contentType is null ? Headers() : Headers(("Content-Type", contentType)),
        };

    public static OAuth2Request Resource(string? authorization = null, string method = "GET", string? body = null, string? query = null, string? contentType = null)
    {
        var headers = new List<(string, string)>();
        if (authorization is not null)
        {
            headers.Add(("Authorization", authorization));
        }

        if (contentType is not null || body is not null)
        {
            headers.Add(("Content-Type", contentType ?? Form));
        }

        return new OAuth2Request
        {
            Method = method,
            Headers = Headers([.. headers]),
            Form = body is null ? ParameterCollection.Empty : FormUrlEncoding.Parse(body),
            Query = query is null ? ParameterCollection.Empty : FormUrlEncoding.Parse(query),
        };
    }

    /// <summary>The decoded query of a redirect location.</summary>
    public static ParameterCollection QueryOf(string? location)
    {
        Assert.NotNull(location);
        var q = location.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? ParameterCollection.Empty : FormUrlEncoding.Parse(location[(q + 1)..]);
    }
}
