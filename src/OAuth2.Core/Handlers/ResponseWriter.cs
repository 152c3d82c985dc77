using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Handlers;

/// <summary>Builds the RFC response shapes shared by the handlers.</summary>
internal static class ResponseWriter
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary><c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> on every response that carries or concerns credentials.</summary>
    public static void NoStore(OAuth2Response response)
    {
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["Pragma"] = "no-cache";
    }

    /// <summary>The headers of every JSON response, shared by all of them until one is changed.</summary>
    private static readonly KeyValuePair<string, string>[] JsonNoStoreHeaders =
    [
        new("Content-Type", JsonContentType),
        new("Cache-Control", "no-store"),
        new("Pragma", "no-cache"),
    ];

    public static OAuth2Response Json(int status, IReadOnlyDictionary<string, object?> body)
        => OAuth2Response.Json(status, body, JsonNoStoreHeaders);

    /// <summary>An error as a JSON body (RFC 6749 section 5.2), with the Basic challenge RFC 9110 demands on a 401.</summary>
    public static OAuth2Response Error(OAuth2Exception error, string realm)
    {
        var (code, status) = ErrorTranslator.Wire(error);
        var response = Json(status, new Dictionary<string, object?>(2)
        {
            ["error"] = code,
            ["error_description"] = error.Description,
        });
        if (error is InvalidClientException)
        {
            response.Headers["WWW-Authenticate"] = $"Basic realm=\"{realm}\"";
        }

        if (error is UseDpopNonceException nonce)
        {
            response.Headers[Dpop.DpopProofValidator.NonceHeaderName] = nonce.Nonce;
        }

        return response;
    }

    /// <summary>Appends parameters to a URI's query, keeping its own query and dropping nothing (unlike node issue #455).</summary>
    public static string AppendQuery(string uri, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var builder = new System.Text.StringBuilder(uri.Length + 128);
        builder.Append(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? (uri.EndsWith('?') || uri.EndsWith('&') ? string.Empty : "&") : "?";
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = "&";
        }

        return builder.ToString();
    }
}
