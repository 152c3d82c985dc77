using OAuth2.AspNetCore.ResourceServer.Challenges;

namespace OAuth2.AspNetCore.ResourceServer.ProtectedResource;

/// <summary>
/// What this API says about itself in its protected-resource metadata (RFC 9728), so a client that only holds the
/// API's URL can find which authorization server to ask and which scopes exist. Setting <see cref="Resource"/> also
/// makes every bearer challenge point at the document (<c>resource_metadata</c>, RFC 9728 section 5.1).
/// </summary>
public sealed class OAuth2ProtectedResourceOptions
{
    /// <summary>The well-known suffix of RFC 9728 section 3.</summary>
    public const string WellKnownPath = "/.well-known/oauth-protected-resource";

    /// <summary>
    /// The resource identifier: this API's URL as clients know it (<c>https://api.example.com</c>), without query or
    /// fragment. It is published as written, because clients compare it as a string (RFC 9728 section 3.3).
    /// <c>http</c> is accepted only for loopback hosts.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>Issuer identifiers of the authorization servers whose tokens this API accepts (<c>authorization_servers</c>).</summary>
    public IList<string> AuthorizationServers { get; } = [];

    /// <summary>Scope values this API checks (<c>scopes_supported</c>); omitted when empty.</summary>
    public IList<string> ScopesSupported { get; } = [];

    /// <summary>
    /// Where this API reads a bearer token (<c>bearer_methods_supported</c>): <c>header</c> by default, since the
    /// handlers here never read form bodies and read the query only when told to.
    /// </summary>
    public IList<string> BearerMethodsSupported { get; } = ["header"];

    /// <summary>A page for developers about this API (<c>resource_documentation</c>); optional.</summary>
    public string? ResourceDocumentation { get; set; }

    /// <summary>
    /// The path this app serves the document at: the well-known suffix, followed by the resource's path when it has
    /// one (the path-insertion form of RFC 9728 section 3.1: <c>https://host/v1</c> → <c>/.well-known/oauth-protected-resource/v1</c>).
    /// </summary>
    public string MetadataPath => WellKnownPath + ResourcePath(RequireResource());

    /// <summary>The document's absolute URL, as written into <c>resource_metadata="..."</c>; usable in a JwtBearer challenge too.</summary>
    public string MetadataAddress
    {
        get
        {
            var resource = RequireResource();
            return resource.GetLeftPart(UriPartial.Authority) + MetadataPath;
        }
    }

    /// <summary>Checks the options; called at start-up by <c>AddOAuth2ProtectedResource</c>.</summary>
    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(Resource))
        {
            yield return "Resource is required: the API's URL as clients know it (RFC 9728 section 2).";
            yield break;
        }

        if (!Uri.TryCreate(Resource, UriKind.Absolute, out var resource) || !IsSecureOrLoopback(resource))
        {
            yield return "Resource must be an absolute https URL (http only for a loopback host).";
            yield break;
        }

        if (resource.Query.Length > 0 || resource.Fragment.Length > 0 || Resource.Contains('#', StringComparison.Ordinal) || !ChallengeSyntax.IsQuotableValue(Resource))
        {
            yield return "Resource must have no query or fragment, and be printable ASCII without '\"' or '\\'.";
        }

        if (AuthorizationServers.Count == 0)
        {
            yield return "Name at least one authorization server (its issuer identifier) in AuthorizationServers.";
        }

        foreach (var server in AuthorizationServers)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || !IsSecureOrLoopback(uri))
            {
                yield return "Each authorization server must be an absolute https URL (http only for a loopback host).";
            }
        }

        if (ScopesSupported.Any(s => !ChallengeSyntax.IsScopeToken(s)))
        {
            yield return "Scope values are printable ASCII without spaces, '\"' or '\\' (RFC 6749 section 3.3).";
        }

        if (BearerMethodsSupported.Any(m => m is not ("header" or "body" or "query")))
        {
            yield return "Bearer methods are header, body or query (RFC 9728 section 2).";
        }

        if (ResourceDocumentation is not null && !Uri.TryCreate(ResourceDocumentation, UriKind.Absolute, out _))
        {
            yield return "ResourceDocumentation must be an absolute URL.";
        }
    }

    /// <summary>The <c>resource_metadata</c> value for a challenge, or <c>null</c> when no resource is described.</summary>
    internal string? ChallengeParameter()
        => Uri.TryCreate(Resource, UriKind.Absolute, out _) && ChallengeSyntax.IsQuotableValue(Resource!) ? MetadataAddress : null;

    /// <summary>https anywhere, http only where nobody else can listen in (127.0.0.0/8, ::1, localhost).</summary>
    internal static bool IsSecureOrLoopback(Uri uri)
        => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    private Uri RequireResource()
        => Uri.TryCreate(Resource, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException("OAuth2ProtectedResourceOptions.Resource is not set to an absolute URL.");

    private static string ResourcePath(Uri resource)
    {
        var path = resource.AbsolutePath;
        return path == "/" ? string.Empty : path.TrimEnd('/');
    }
}
