using OAuth2.Errors;

namespace OAuth2.Handlers;

/// <summary>RFC 6749 appendix A character classes for request parameters.</summary>
internal static class ParameterRules
{
    /// <summary>VSCHAR: %x20-7E.</summary>
    public static bool IsVsChar(string value)
    {
        foreach (var c in value)
        {
            if (c is < '\x20' or > '\x7E')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A <c>grant_type</c>: 1*name-char (<c>-</c> <c>.</c> <c>_</c> digits letters) or an absolute URI.</summary>
    public static bool IsGrantTypeName(string value)
    {
        var nameChars = true;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                nameChars = false;
                break;
            }
        }

        return nameChars || IsAbsoluteUri(value);
    }

    public static bool IsAbsoluteUri(string value)
        => IsVsChar(value) && HasScheme(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme.Length >= 2 && !value.Contains(' ', StringComparison.Ordinal);

    /// <summary>
    /// Whether the value starts with a <c>scheme ":"</c> of two or more characters (RFC 3986 section 3.1) itself: on Unix <see cref="Uri.TryCreate(string, UriKind, out Uri)"/>
    /// also takes a bare path such as <c>/cb</c> for an absolute <c>file</c> URI.
    /// </summary>
    public static bool HasScheme(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                // At least two characters, as node's URI rule: `a:/cb` would otherwise be a DOS path to Uri.
                return i >= 2;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>UNICODECHARNOCRLF, for <c>username</c> and <c>password</c>.</summary>
    public static bool IsUnicodeNoCrLf(string value) => !value.AsSpan().ContainsAny('\r', '\n');

    /// <summary>Reads a required VSCHAR parameter, with node-oauth2-server's messages.</summary>
    public static string RequireVsChar(string? value, string name)
    {
        if (value is null)
        {
            throw new InvalidRequestException($"Missing parameter: `{name}`") { ErrorId = ErrorIds.MissingParameter };
        }

        if (!IsVsChar(value))
        {
            throw new InvalidRequestException($"Invalid parameter: `{name}`") { ErrorId = ErrorIds.InvalidParameter };
        }

        return value;
    }
}
