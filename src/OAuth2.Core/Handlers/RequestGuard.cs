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

            if (values[0].Length > maxLength || name.Length > maxLength)
            {
                throw new InvalidRequestException($"Invalid request: parameter `{Truncate(name)}` is too long");
            }
        }
    }

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40];
}
