using Microsoft.AspNetCore.Authentication;
using OAuth2.AspNetCore.ResourceServer.Challenges;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;

namespace OAuth2.AspNetCore.ResourceServer.Introspection;

/// <summary>
/// Options of the introspection scheme: where the authorization server is, how this API authenticates to it, what
/// a token must say to be accepted here, and how long an answer may be reused. Checked at start-up.
/// </summary>
public sealed class OAuth2IntrospectionOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// The authorization server's issuer identifier. Without <see cref="IntrospectionEndpoint"/> the endpoint is read
    /// from its metadata (RFC 8414: <c>/.well-known/oauth-authorization-server</c>, path-inserted for an issuer with a
    /// path), whose <c>issuer</c> must equal this value. An <c>iss</c> in an introspection answer must equal it too.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The introspection endpoint; set it to skip discovery.</summary>
    public Uri? IntrospectionEndpoint { get; set; }

    /// <summary>This API's client id at the authorization server (a client allowed to introspect).</summary>
    public string? ClientId { get; set; }

    /// <summary>This API's client secret. Keep it out of source control (user secrets, environment, a vault).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How this API authenticates to the endpoint; <c>client_secret_basic</c> for now.</summary>
    public IntrospectionClientAuthentication ClientAuthentication { get; set; } = IntrospectionClientAuthentication.ClientSecretBasic;

    /// <summary>
    /// When set, the answer's <c>aud</c> (a string or an array) must contain this value, so a token issued for
    /// another API is refused here. An answer without <c>aud</c> is then refused as well.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// How long a positive answer is reused, capped by the token's own <c>exp</c>. This is how long a revoked token
    /// keeps working here: short (the default, one minute) trades a call to the authorization server per token per
    /// minute for quick revocation. <see cref="TimeSpan.Zero"/> asks on every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an <c>active: false</c> answer is reused. Zero (the default) asks again every time: a bad token costs
    /// a call, but a token that was refused during a hiccup at the server is not refused for longer than that. A few
    /// seconds shields the server from a client that retries a dead token in a loop. Failures to reach the server
    /// are never cached.
    /// </summary>
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.Zero;

    /// <summary>The most answers kept at once; beyond it expired ones are swept and new answers are not kept.</summary>
    public int CacheSizeLimit { get; set; } = 10_000;

    /// <summary>Timeout of one call to the authorization server (metadata or introspection).</summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A handler for the calls to the authorization server (a proxy, a test double); <c>null</c> uses sockets.</summary>
    public HttpMessageHandler? BackchannelHttpHandler { get; set; }

    /// <summary>The realm of the challenges this scheme sends; <c>null</c> sends none.</summary>
    public string? Realm { get; set; }

    /// <summary>The longest token passed on to the server; longer ones are refused without a call.</summary>
    public int MaxTokenLength { get; set; } = 8192;

    /// <summary>
    /// Every problem with the options, as sentences naming the setting (never a secret's value); reported together as
    /// an <c>OptionsValidationException</c> when the host starts.
    /// </summary>
    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrEmpty(Authority) && IntrospectionEndpoint is null)
        {
            yield return "Set Authority (the authorization server's issuer, for discovery) or IntrospectionEndpoint.";
        }

        if (Authority is { Length: > 0 } && (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || !OAuth2ProtectedResourceOptions.IsSecureOrLoopback(authority) || authority.Query.Length > 0 || authority.Fragment.Length > 0))
        {
            yield return "Authority must be an absolute https URL without query or fragment (http only for a loopback host).";
        }

        if (IntrospectionEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || !OAuth2ProtectedResourceOptions.IsSecureOrLoopback(endpoint)))
        {
            yield return "IntrospectionEndpoint must be an absolute https URL (http only for a loopback host): it receives the API's secret.";
        }

        if (string.IsNullOrEmpty(ClientId))
        {
            yield return "ClientId is required: the introspection endpoint authenticates its callers (RFC 7662 section 2.1).";
        }

        if (ClientAuthentication == IntrospectionClientAuthentication.ClientSecretBasic && string.IsNullOrEmpty(ClientSecret))
        {
            yield return "ClientSecret is required for client_secret_basic.";
        }

        if (!Enum.IsDefined(ClientAuthentication))
        {
            yield return "ClientAuthentication is not a supported method.";
        }

        if (Audience is { Length: 0 })
        {
            yield return "Audience, when set, must not be empty.";
        }

        if (CacheDuration < TimeSpan.Zero || NegativeCacheDuration < TimeSpan.Zero)
        {
            yield return "CacheDuration and NegativeCacheDuration must not be negative.";
        }

        if (CacheSizeLimit < 1)
        {
            yield return "CacheSizeLimit must be at least 1.";
        }

        if (BackchannelTimeout <= TimeSpan.Zero)
        {
            yield return "BackchannelTimeout must be positive.";
        }

        if (MaxTokenLength < 1)
        {
            yield return "MaxTokenLength must be at least 1.";
        }

        if (Realm is not null && !ChallengeSyntax.IsQuotableValue(Realm))
        {
            yield return "Realm must be non-empty printable ASCII without '\"' or '\\' (RFC 6750 section 3).";
        }
    }
}
