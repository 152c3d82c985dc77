using Duende.IdentityModel.Client;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.IdentityModel.Tests.Support;

/// <summary>What the tests share: the sample's demo clients and a discovery document read the way IdentityModel reads it.</summary>
public static class Demo
{
    public const string ConfidentialId = SampleServerFixture.ConfidentialClientId;
    public const string ConfidentialSecret = SampleServerFixture.ConfidentialClientSecret;
    public const string PublicId = SampleServerFixture.PublicClientId;
    public const string DeviceId = "demo-device";
    public const string ResourceId = "demo-resource";
    public const string ResourceSecret = "demo-resource-secret";

    /// <summary>The confidential client's one registered redirect URI (confidential clients must match it exactly; nothing listens there).</summary>
    public const string ConfidentialRedirectUri = "http://127.0.0.1:5000/callback";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// IdentityModel's default policy with the two settings an OAuth (not OpenID Connect) server needs: the RFC 8414
    /// document path instead of <c>/.well-known/openid-configuration</c>, and no key set (the sample issues opaque
    /// tokens unless <c>OAuth2:Jwt:Enabled</c>). HTTPS is not required on loopback by IdentityModel's own default.
    /// </summary>
    public static DiscoveryPolicy Rfc8414Policy(bool requireKeySet = false)
        => new() { DiscoveryDocumentPath = ".well-known/oauth-authorization-server", RequireKeySet = requireKeySet };

    public static async Task<DiscoveryDocumentResponse> DiscoverAsync(HttpClient client, Uri baseAddress, bool requireKeySet = false)
    {
        var disco = await client.GetDiscoveryDocumentAsync(
            new DiscoveryDocumentRequest { Address = baseAddress.ToString().TrimEnd('/'), Policy = Rfc8414Policy(requireKeySet) }, Ct);
        Assert.False(disco.IsError, disco.Error);
        return disco;
    }

    /// <summary>Asserts a token response succeeded, with IdentityModel's error text as the message.</summary>
    /// <summary>alice's password grant for the confidential demo client, with IdentityModel's defaults; the answer must be a token.</summary>
    public static async Task<TokenResponse> PasswordTokenAsync(HttpClient http, DiscoveryDocumentResponse disco, string scope)
        => Ok(await http.RequestPasswordTokenAsync(
            new PasswordTokenRequest
            {
                Address = disco.TokenEndpoint,
                ClientId = ConfidentialId,
                ClientSecret = ConfidentialSecret,
                UserName = SampleServerFixture.Username,
                Password = SampleServerFixture.Password,
                Scope = scope,
            }, Ct));

    public static TokenResponse Ok(TokenResponse response)
    {
        Assert.False(response.IsError, $"{response.Error}: {response.ErrorDescription} ({response.HttpStatusCode}) {response.Raw}");
        return response;
    }
}
