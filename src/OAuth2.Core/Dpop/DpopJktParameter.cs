using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Dpop;

/// <summary>
/// The <c>dpop_jkt</c> authorization request parameter (RFC 9449 section 10), read once for the authorization and
/// pushed authorization request endpoints: the SHA-256 JWK thumbprint (RFC 7638) of the key the code is bound to.
/// </summary>
internal static class DpopJktParameter
{
    public const string Name = "dpop_jkt";

    /// <summary>A base64url SHA-256 digest without padding: 32 bytes in 43 characters.</summary>
    public const int Length = 43;

    /// <summary>
    /// The request's <c>dpop_jkt</c>, or <c>null</c> when it has none. A server without DPoP ignores it, as RFC 6749
    /// section 3.1 asks of any parameter it does not know: a code bound to a key no token request could prove would
    /// be unusable. Anything but a well-formed thumbprint is <c>invalid_request</c>.
    /// </summary>
    public static string? Parse(ParameterCollection parameters, OAuth2ServerOptions options)
    {
        if (!options.Dpop.Enabled)
        {
            return null;
        }

        var value = parameters.GetSingle(Name);
        if (value is null)
        {
            return null;
        }

        return IsWellFormed(value)
            ? value
            : throw new InvalidRequestException("Invalid parameter: `dpop_jkt` is not a base64url SHA-256 JWK thumbprint") { ErrorId = ErrorIds.DpopJktMalformed };
    }

    /// <summary>
    /// Exactly 43 base64url characters, and the canonical encoding of 32 bytes: the last character carries 4 bits of the
    /// digest and 2 zero bits, so only every fourth letter of the alphabet may end it (no second spelling of one key).
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        if (value.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (Sextet(value[i]) < 0)
            {
                return false;
            }
        }

        return (Sextet(value[^1]) & 0b11) == 0;
    }

    private static int Sextet(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
