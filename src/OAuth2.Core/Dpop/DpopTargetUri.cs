namespace OAuth2.Dpop;

/// <summary>
/// The <c>htu</c> comparison of RFC 9449 section 4.3: the request's URI without query and fragment, compared after
/// the syntax- and scheme-based normalisation of RFC 3986 sections 6.2.2 and 6.2.3 (case of scheme and host, the
/// default port, percent-encoding, an empty path as <c>/</c>).
/// </summary>
internal static class DpopTargetUri
{
    /// <summary>Whether the proof's <paramref name="htu"/> names the request URL <paramref name="requestUrl"/>.</summary>
    public static bool Matches(string htu, string requestUrl)
        => Normalize(htu) is { } claimed && Normalize(requestUrl) is { } actual && string.Equals(claimed, actual, StringComparison.Ordinal);

    /// <summary>Scheme, host, port (omitted when default) and path of an absolute http(s) URI; <c>null</c> when it is not one.</summary>
    public static string? Normalize(string uri)
    {
        if (uri.Length == 0 || uri.Length > 8192 || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return null;
        }

        return parsed.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }
}
