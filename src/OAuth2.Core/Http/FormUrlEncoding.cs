using System.Text;

namespace OAuth2.Http;

/// <summary>
/// Strict <c>application/x-www-form-urlencoded</c> decoding (RFC 6749 appendix B): percent-escapes become octets,
/// octets are decoded as UTF-8, and anything malformed (a bad escape, invalid UTF-8, a control character) is
/// <c>invalid_request</c> rather than a silently substituted character.
/// </summary>
public static class FormUrlEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The parameter names of this protocol, handed out as these strings rather than a copy per request.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownNames =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(
        [
            "grant_type", "scope", "client_id", "client_secret", "code", "code_verifier", "redirect_uri", "refresh_token",
            "username", "password", "response_type", "state", "code_challenge", "code_challenge_method", "token",
            "token_type_hint", "access_token", "nonce", "device_code", "resource", "audience", "allowed",
        ], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Values the protocol itself defines (grant types, response types, PKCE methods, token type hints), shared likewise.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownValues =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(
        [
            "authorization_code", "client_credentials", "refresh_token", "password", GrantTypes.DeviceCode, "code", "S256",
            "plain", "access_token", "true", "false",
        ], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The default cap on parameters per form body or query string: 100. A protocol request carries a few dozen at
    /// most (a sign-in form adds its own fields and an antiforgery token); counting stops at the first one over.
    /// </summary>
    public const int DefaultMaxParameters = 100;

    /// <summary>Parses a form body or query string (without the leading <c>?</c>), with at most <see cref="DefaultMaxParameters"/> parameters.</summary>
    public static ParameterCollection Parse(string body) => Parse(body, DefaultMaxParameters);

    /// <summary>
    /// Parses a form body or query string (without the leading <c>?</c>) in time and memory linear in its length.
    /// More than <paramref name="maxParameters"/> name/value pairs (repeats of one name count each time; empty
    /// segments between <c>&amp;</c>s carry nothing and do not) is <c>invalid_request</c>, raised at the first pair
    /// over the cap without reading further.
    /// </summary>
    public static ParameterCollection Parse(string body, int maxParameters)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParameters, 1);
        var values = new ParameterCollection.Builder(Math.Min(body.AsSpan().Count('&') + 1, 16), StringComparer.Ordinal);
        var parameters = 0;
        for (var start = 0; start < body.Length;)
        {
            var length = body.AsSpan(start).IndexOf('&');
            if (length < 0)
            {
                length = body.Length - start;
            }

            if (length > 0)
            {
                if (++parameters > maxParameters)
                {
                    throw new Errors.InvalidRequestException($"Invalid request: more than {maxParameters} parameters");
                }

                var eq = body.AsSpan(start, length).IndexOf('=');
                var name = Decode(body, start, eq < 0 ? length : eq, isName: true);
                var value = eq < 0 ? string.Empty : Decode(body, start + eq + 1, length - eq - 1, isName: false);
                values.Append(name, value);
            }

            start += length + 1;
        }

        return values.Build();
    }

    /// <summary>Decodes one form-encoded component: <c>+</c> is a space, <c>%XX</c> an octet, the octets UTF-8.</summary>
    public static string Decode(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Decode(component, 0, component.Length, isName: false);
    }

    /// <summary>Decodes <paramref name="text"/>[<paramref name="start"/>..+<paramref name="length"/>]; a plain segment is a substring (or a known name).</summary>
    private static string Decode(string text, int start, int length, bool isName)
    {
        var component = text.AsSpan(start, length);
        if (component.IndexOfAny('%', '+') < 0)
        {
            RejectControlsAndLoneSurrogates(component);
            return (isName ? KnownNames : KnownValues).TryGetValue(component, out var known) ? known : text.Substring(start, length);
        }

        byte[]? rented = null;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(component.Length);
        var bytes = maxBytes <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = 0;
            for (var i = 0; i < component.Length; i++)
            {
                var c = component[i];
                if (c == '+')
                {
                    bytes[written++] = (byte)' ';
                }
                else if (c == '%')
                {
                    if (i + 2 >= component.Length || !IsHex(component[i + 1]) || !IsHex(component[i + 2]))
                    {
                        throw new Errors.InvalidRequestException("Invalid request: malformed percent-encoding");
                    }

                    bytes[written++] = (byte)((HexValue(component[i + 1]) << 4) | HexValue(component[i + 2]));
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

                    written += Encoding.UTF8.GetBytes(component.Slice(i, count), bytes[written..]);
                    i += count - 1;
                }
            }

            string decoded;
            try
            {
                decoded = StrictUtf8.GetString(bytes[..written]);
            }
            catch (DecoderFallbackException e)
            {
                throw new Errors.InvalidRequestException("Invalid request: parameter is not valid UTF-8", e);
            }

            RejectControlsAndLoneSurrogates(decoded);
            return decoded;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void RejectControlsAndLoneSurrogates(ReadOnlySpan<char> value)
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
