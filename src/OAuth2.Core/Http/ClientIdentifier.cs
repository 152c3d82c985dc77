using OAuth2.Errors;
using OAuth2.Http;

namespace OAuth2.Handlers;

/// <summary>
/// Which client a request claims to be, read exactly as client authentication reads it (HTTP Basic or the form's
/// <c>client_id</c>), for a host that limits or throttles per client before handing the request to the core.
/// </summary>
public static class ClientIdentifier
{
    /// <summary>The claimed client id, or <c>null</c> when the request names none or names it malformed (the core then refuses it anyway). The secret is never returned.</summary>
    public static string? Read(OAuth2Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return ClientAuthenticator.ExtractCredentials(request).ClientId;
        }
        catch (OAuth2Exception)
        {
            // Malformed or conflicting credentials: the core refuses the request; count it under the form's id if any.
            return Single(request.Form, "client_id") is { Length: > 0 } formId && ParameterRules.IsVsChar(formId) ? formId : null;
        }
    }

    /// <summary>The parameter's value when it occurs exactly once; <c>null</c> when absent or repeated (never throws).</summary>
    public static string? Single(ParameterCollection parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.GetAll(name) is [var one] ? one : null;
    }
}
