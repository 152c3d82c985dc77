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
            // RFC 8707 section 2: `resource` is the one parameter that may repeat; its count is bounded where it is read.
            if (values.Count > 1 && !string.Equals(name, Resources.ResourceIndicators.Parameter, StringComparison.Ordinal))
            {
                throw new InvalidRequestException($"Invalid request: parameter `{Truncate(name)}` is repeated");
            }

            if (values[0].Length > maxLength || name.Length > maxLength || (values.Count > 1 && AnyLongerThan(values, maxLength)))
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

    private static bool AnyLongerThan(IReadOnlyList<string> values, int maxLength)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i].Length > maxLength)
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40];
}
