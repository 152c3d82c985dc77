using System.Text;

namespace OAuth2.Http;

/// <summary>
/// Strict <c>application/x-www-form-urlencoded</c> decoding (RFC 6749 appendix B): percent-escapes become octets,
/// octets are decoded as UTF-8, and anything malformed (a bad escape, invalid UTF-8, a control character) is
/// <c>invalid_request</c> rather than a silently substituted character.
/// </summary>
public static class FormUrlEncoding
{
    /// <summary>Parses a form body or query string (without the leading <c>?</c>).</summary>
    public static ParameterCollection Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in body.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? string.Empty : Decode(part[(eq + 1)..]);
            pairs.Add(new(name, value));
        }

        return ParameterCollection.From(pairs);
    }

    /// <summary>Decodes one form-encoded component: <c>+</c> is a space, <c>%XX</c> an octet, the octets UTF-8.</summary>
    public static string Decode(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (component.AsSpan().IndexOfAny('%', '+') < 0)
        {
            RejectControlsAndLoneSurrogates(component);
            return component;
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(component.Length)];
        var length = 0;
        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if (c == '+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (c == '%')
            {
                if (i + 2 >= component.Length || !IsHex(component[i + 1]) || !IsHex(component[i + 2]))
                {
                    throw new Errors.InvalidRequestException("Invalid request: malformed percent-encoding");
                }

                bytes[length++] = (byte)((HexValue(component[i + 1]) << 4) | HexValue(component[i + 2]));
                i += 2;
            }
            else
            {
                // A surrogate pair is one character: encoding its halves apart would give two U+FFFD.
                var count = char.IsHighSurrogate(c) && i + 1 < component.Length && char.IsLowSurrogate(component[i + 1]) ? 2 : 1;
                if (count == 1 && char.IsSurrogate(c))
                {
                    throw new Errors.InvalidRequestException("Invalid request: parameter is not valid UTF-16");
                }

                length += Encoding.UTF8.GetBytes(component.AsSpan(i, count), bytes.AsSpan(length));
                i += count - 1;
            }
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException e)
        {
            throw new Errors.InvalidRequestException("Invalid request: parameter is not valid UTF-8", e);
        }

        RejectControlsAndLoneSurrogates(decoded);
        return decoded;
    }

    private static void RejectControlsAndLoneSurrogates(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c != '\t')
            {
                throw new Errors.InvalidRequestException("Invalid request: control character in parameter");
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    throw new Errors.InvalidRequestException("Invalid request: parameter is not valid UTF-16");
                }

                i++;
            }
        }
    }

    /// <summary>Encodes a component for a form body or query string.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
