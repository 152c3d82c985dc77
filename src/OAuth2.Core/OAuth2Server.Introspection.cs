using OAuth2.Handlers;
using OAuth2.Http;

namespace OAuth2;

/// <summary>The introspection endpoint (RFC 7662).</summary>
public sealed partial class OAuth2Server
{
    /// <summary>The introspection endpoint (RFC 7662), for authenticated confidential clients such as resource servers.</summary>
    public ValueTask<OAuth2Result<IntrospectionResult>> IntrospectAsync(OAuth2Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObservedIntrospectAsync(request, cancellationToken);
    }
}
