namespace OAuth2.Handlers;

/// <summary>
/// Where the host serves each endpoint, as absolute URLs, for the RFC 8414 metadata document. Only the host knows
/// its routes; the core knows what is enabled.
/// </summary>
public sealed record MetadataEndpoints
{
    public required Uri Issuer { get; init; }

    public Uri? Authorization { get; init; }

    public required Uri Token { get; init; }

    public Uri? Revocation { get; init; }

    public Uri? Introspection { get; init; }

    public Uri? Jwks { get; init; }

    public Uri? DeviceAuthorization { get; init; }

    /// <summary>The pushed authorization request endpoint (RFC 9126).</summary>
    public Uri? PushedAuthorization { get; init; }

    /// <summary>The RFC 7591 registration endpoint; advertised only while registration is enabled.</summary>
    public Uri? Registration { get; init; }
}
