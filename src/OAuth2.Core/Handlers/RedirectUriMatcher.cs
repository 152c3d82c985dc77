using OAuth2.Clients;

namespace OAuth2.Handlers;

/// <summary>
/// The default redirect URI check: exact ordinal comparison with a registered URI (RFC 9700 section 2.1), where
/// the only tolerated difference is the port of an <c>http</c> loopback IP literal (RFC 8252 section 7.3), and only
/// for public (native) clients: a native app gets an ephemeral port from its OS, a confidential client has a fixed
/// address and so no reason for the exception.
/// </summary>
internal static class RedirectUriMatcher
{
    public static bool IsValidFormat(string uri)
        => ParameterRules.HasScheme(uri)
            && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && parsed.Scheme.Length >= 2
            && !uri.Contains('#', StringComparison.Ordinal)
            && !uri.AsSpan().ContainsAny('\r', '\n');

    public static bool Matches(string requested, OAuth2Client client)
        => Matches(requested, client.RedirectUris, loopbackPortMayVary: client.Type == ClientType.Public);

    public static bool Matches(string requested, IReadOnlyList<string> registered, bool loopbackPortMayVary)
    {
        foreach (var candidate in registered)
        {
            if (string.Equals(candidate, requested, StringComparison.Ordinal))
            {
                return true;
            }
        }

        var requestedWithoutPort = loopbackPortMayVary ? StripLoopbackPort(requested) : null;
        if (requestedWithoutPort is null)
        {
            return false;
        }

        foreach (var candidate in registered)
        {
            if (string.Equals(StripLoopbackPort(candidate), requestedWithoutPort, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For <c>http://127.0.0.1:port/…</c> or <c>http://[::1]:port/…</c>, the URI without the port; otherwise null.</summary>
    private static string? StripLoopbackPort(string uri)
    {
        foreach (var host in (ReadOnlySpan<string>)["http://127.0.0.1", "http://[::1]"])
        {
            if (!uri.StartsWith(host, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = uri.AsSpan(host.Length);
            if (rest.Length > 0 && rest[0] == ':')
            {
                var end = 1;
                while (end < rest.Length && char.IsAsciiDigit(rest[end]))
                {
                    end++;
                }

                if (end == 1)
                {
                    return null;
                }

                rest = rest[end..];
            }

            if (rest.Length == 0 || rest[0] is '/' or '?')
            {
                return string.Concat(host, rest);
            }
        }

        return null;
    }
}
