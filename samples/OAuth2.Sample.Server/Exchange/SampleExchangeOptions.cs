namespace OAuth2.Sample.Server.Exchange;

/// <summary>
/// <c>OAuth2:Exchange</c>: the sample's token exchange (RFC 8693) and JWT bearer (RFC 7523) set-up.
/// </summary>
public sealed class SampleExchangeOptions
{
    public const string SectionName = "OAuth2:Exchange";

    /// <summary>Enables the token exchange grant with the demo policy.</summary>
    public bool TokenExchange { get; set; } = true;

    /// <summary>Enables the JWT bearer grant, trusting the demo issuer (and any <c>OAuth2:TrustedJwtIssuers</c>).</summary>
    public bool JwtBearer { get; set; } = true;

    /// <summary>The clients the demo policy lets exchange tokens.</summary>
    public List<string> Clients { get; set; } = [];

    /// <summary>The audience the demo policy issues exchanged tokens for.</summary>
    public string Audience { get; set; } = "urn:oauth2-sample:demo-api";

    /// <summary>The demo identity provider's issuer (<c>iss</c>) whose assertions and JWTs the sample trusts.</summary>
    public string DemoIssuer { get; set; } = "urn:oauth2-sample:demo-idp";

    /// <summary>
    /// A JWK set file with the demo issuer's public keys. Empty: the sample makes a key at start-up and serves
    /// assertions signed with it at <c>POST /demo-idp/assertion</c>, so the grant can be tried with curl alone.
    /// </summary>
    public string? DemoIssuerJwksFile { get; set; }
}
