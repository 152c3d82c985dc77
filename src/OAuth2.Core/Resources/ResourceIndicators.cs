using OAuth2.Clients;
using OAuth2.Errors;
using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2.Resources;

/// <summary>
/// The rules of the <c>resource</c> parameter (RFC 8707), written once for the authorization, device authorization
/// and token endpoints: how it is read, what a client may ask for, how a token request narrows a grant, and which
/// audience a token gets.
/// </summary>
internal static class ResourceIndicators
{
    public const string Parameter = "resource";

    /// <summary>
    /// Reads every <c>resource</c> value (section 2: the parameter may be repeated). Each must be an absolute URI
    /// without a fragment and no longer than <see cref="OAuth2ServerOptions.MaxParameterLength"/>; at most
    /// <see cref="OAuth2ServerOptions.MaxResources"/> of them, counted before any is parsed. Duplicates are dropped.
    /// </summary>
    public static IReadOnlyList<string> Parse(ParameterCollection parameters, OAuth2ServerOptions options)
    {
        var values = parameters.GetAll(Parameter);
        if (values.Count == 0)
        {
            return [];
        }

        if (values.Count > options.MaxResources)
        {
            throw new InvalidTargetException($"Invalid target: at most {options.MaxResources} `resource` values are accepted") { ErrorId = ErrorIds.TooManyResources };
        }

        var resources = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (!IsResourceUri(value, options.MaxParameterLength))
            {
                throw new InvalidTargetException("Invalid target: `resource` must be an absolute URI without a fragment") { ErrorId = ErrorIds.ResourceMalformed };
            }

            if (!resources.ContainsOrdinal(value))
            {
                resources.Add(value);
            }
        }

        return resources.ToArray();
    }

    /// <summary>RFC 8707 section 2: an absolute URI (RFC 3986 section 4.3), which has no fragment component.</summary>
    public static bool IsResourceUri(string value, int maxLength)
        => value.Length > 0 && value.Length <= maxLength && !value.Contains('#', StringComparison.Ordinal) && ParameterRules.IsAbsoluteUri(value);

    /// <summary>A client may only name resources it is registered for (<see cref="OAuth2Client.Resources"/>).</summary>
    public static void RequireRegistered(IReadOnlyList<string> requested, OAuth2Client client)
    {
        if (!Scopes.ScopeParser.IsSubset(requested, client.Resources))
        {
            throw new InvalidTargetException("Invalid target: the client may not request this `resource`") { ErrorId = ErrorIds.ResourceNotAllowed };
        }
    }

    /// <summary>
    /// What a token request gets from a grant: the resources it names, which must all have been granted (section 2.2),
    /// or the whole grant when it names none.
    /// </summary>
    public static IReadOnlyList<string> Narrow(IReadOnlyList<string> requested, IReadOnlyList<string> granted)
    {
        if (requested.Count == 0)
        {
            return granted;
        }

        return Scopes.ScopeParser.IsSubset(requested, granted)
            ? requested
            : throw new InvalidTargetException("Invalid target: `resource` was not part of the grant") { ErrorId = ErrorIds.ResourceNotGranted };
    }
}
