using OAuth2.Storage;

namespace OAuth2.ClientAssertions;

/// <summary>
/// <c>private_key_jwt</c> client authentication (RFC 7523 section 2.2, OpenID Connect Core section 9): which
/// assertions are accepted, and where their <c>jti</c> values are remembered.
/// </summary>
/// <remarks>
/// Accepted <c>aud</c> values: <see cref="OAuth2ServerOptions.Issuer"/>; the URL of the endpoint being called (the
/// issuer followed by the request path, e.g. <c>https://as.example/token</c> at the token endpoint and
/// <c>https://as.example/revoke</c> at revocation, as RFC 7523 section 3 and OpenID Connect Core section 9 allow);
/// and every value in <see cref="Audiences"/>, e.g. the token endpoint URL for clients that send it to every endpoint.
/// Under <see cref="SecurityProfile.Fapi2"/> only the issuer, as a single string (FAPI 2.0 section 5.3.2.1), and
/// <see cref="Audiences"/> must stay empty.
/// </remarks>
public sealed class ClientAssertionOptions
{
    /// <summary>The longest <c>client_assertion</c> accepted, in characters; longer ones are refused before parsing.</summary>
    public const int MaxAssertionLength = 8192;

    /// <summary>
    /// Where used <c>jti</c> values are remembered until their assertion expires. Share one across instances (the
    /// storage packages register theirs); without one, every assertion is refused, since replay could not be stopped.
    /// </summary>
    public IReplayCache? ReplayCache { get; set; }

    /// <summary>More accepted <c>aud</c> values (absolute URLs), beyond the issuer and the called endpoint's URL.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>The longest an assertion may still be valid for (its <c>exp</c> from now); 5 minutes. Longer ones are refused.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock difference tolerated for <c>exp</c>, <c>nbf</c> and <c>iat</c>; 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The JWS algorithms accepted: a subset of <c>ES256</c>, <c>ES384</c>, <c>PS256</c>, <c>RS256</c> (all four by default).</summary>
    public ISet<string> SigningAlgorithms { get; set; } = new HashSet<string>(Jwt.JwsAlgorithm.All, StringComparer.Ordinal);

    internal ClientAssertionOptions Snapshot() => new()
    {
        ReplayCache = ReplayCache,
        Audiences = [.. Audiences],
        MaxLifetime = MaxLifetime,
        ClockSkew = ClockSkew,
        SigningAlgorithms = new HashSet<string>(SigningAlgorithms, StringComparer.Ordinal),
    };
}
