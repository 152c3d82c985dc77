using System.Text;

namespace OAuth2.Errors;

/// <summary>
/// The base of every OAuth error: an RFC error code, the HTTP status it maps to, and a description. A host catches
/// this one type; the handlers turn it into the RFC response.
/// </summary>
public abstract class OAuth2Exception : Exception
{
    protected OAuth2Exception(string error, int statusCode, string? description, Exception? innerException = null)
        : base(Sanitize(description ?? error), innerException)
    {
        Error = error;
        StatusCode = statusCode;
    }

    /// <summary>The RFC error code, e.g. <c>invalid_grant</c>.</summary>
    public string Error { get; }

    /// <summary>
    /// Which rule refused the request, one of <see cref="ErrorIds"/> (e.g. <c>OA2003</c>); <c>null</c> where no id is
    /// assigned yet. For logs and tests: stable where the description's wording is not. Never written to the response.
    /// </summary>
    public string? ErrorId { get; init; }

    /// <summary>The HTTP status code of the error response.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>error_description</c>: printable ASCII without <c>"</c> and <c>\</c> (RFC 6749 section 5.2).</summary>
    public string Description => Message;

    /// <summary>
    /// Keeps a description inside the RFC 6749 error-description character set (%x20-21 / %x23-5B / %x5D-7E), so
    /// that echoed input can never break a JSON body, a header or a redirect.
    /// </summary>
    internal static string Sanitize(string value)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(IsAllowed(c) ? c : '?');
        }

        return builder.ToString();
    }

    private static bool IsAllowed(char c) => c is >= '\x20' and <= '\x7E' and not '"' and not '\\';
}
