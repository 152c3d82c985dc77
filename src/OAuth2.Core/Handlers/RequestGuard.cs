using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Handlers;

/// <summary>Checks that apply to every parameter of a request before any is interpreted.</summary>
internal static class RequestGuard
{
    /// <summary>
    /// RFC 6749 section 3.1/3.2: parameters must not be repeated (no "first one wins"); and values past a sane size
    /// are refused before they reach a hash function or a store.
    /// </summary>
    public static void RejectRepeatedOrOversized(ParameterCollection parameters, int maxLength)
    {
        foreach (var (name, values) in parameters)
        {
            if (values.Count > 1)
            {
                throw new InvalidRequestException($"Invalid request: parameter `{Truncate(name)}` is repeated");
            }

            // A signed client assertion outgrows the usual cap (an RSA signature alone is 342+ characters); it has its own.
            var limit = name == "client_assertion" ? Math.Max(maxLength, ClientAssertions.ClientAssertionOptions.MaxAssertionLength) : maxLength;
            if (values[0].Length > limit || name.Length > maxLength)
            {
                throw new InvalidRequestException($"Invalid request: parameter `{Truncate(name)}` is too long");
            }
        }
    }

    /// <summary>
    /// The shape every back-channel endpoint shares: a POST with a form body (RFC 6749 section 3.2, RFC 7009 and
    /// 7662 section 2.1, RFC 8628 section 3.1), whose parameters pass <see cref="RejectRepeatedOrOversized"/>.
    /// </summary>
    public static void RequireFormPost(OAuth2Request request, int maxLength)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException("Invalid request: method must be POST");
        }

        if (!request.HasFormContentType)
        {
            throw new InvalidRequestException("Invalid request: content must be application/x-www-form-urlencoded");
        }

        RejectRepeatedOrOversized(request.Form, maxLength);
    }

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40];
}
