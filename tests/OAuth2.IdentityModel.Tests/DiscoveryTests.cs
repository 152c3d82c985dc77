using Duende.IdentityModel.Client;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.IdentityModel.Tests.Support;

namespace OAuth2.IdentityModel.Tests;

/// <summary>IdentityModel's discovery client reads the sample's RFC 8414 metadata and accepts it under its default validation.</summary>
public sealed class DiscoveryTests(SampleServerFixture server)
{
    [Fact]
    public async Task Discovery_finds_every_endpoint_under_the_issuer()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);

        var issuer = server.BaseAddress.ToString().TrimEnd('/');
        Assert.Equal(issuer, disco.Issuer);
        Assert.Equal(issuer + "/authorize", disco.AuthorizeEndpoint);
        Assert.Equal(issuer + "/token", disco.TokenEndpoint);
        Assert.Equal(issuer + "/revoke", disco.RevocationEndpoint);
        Assert.Equal(issuer + "/introspect", disco.IntrospectionEndpoint);
        Assert.Equal(issuer + "/device_authorization", disco.DeviceAuthorizationEndpoint);
        Assert.Contains("S256", disco.CodeChallengeMethodsSupported);
        Assert.Contains("client_secret_basic", disco.TokenEndpointAuthenticationMethodsSupported);
    }

    [Fact]
    public async Task Discovery_under_the_default_openid_path_is_not_found_so_the_rfc8414_path_must_be_set()
    {
        // Guards the one policy change the tests make: if the sample ever served the OIDC path, the tests would say so.
        using var http = new HttpClient();
        var disco = await http.GetDiscoveryDocumentAsync(server.BaseAddress.ToString().TrimEnd('/'), Demo.Ct);
        Assert.True(disco.IsError);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, disco.HttpStatusCode);
    }
}

/// <summary>With JWT access tokens on, the metadata names a key set, so IdentityModel's default <c>RequireKeySet</c> holds too.</summary>
public sealed class JwtDiscoveryTests
{
    [Fact]
    public async Task Discovery_with_the_default_key_set_requirement_reads_the_signing_key()
    {
        await using var sample = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Jwt:Enabled=true"], Demo.Ct);
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, sample.BaseAddress, requireKeySet: true);

        Assert.Equal(sample.BaseAddress + "jwks", disco.JwksUri);
        var key = Assert.Single(disco.KeySet!.Keys);
        Assert.Equal("EC", key.Kty);
        Assert.Equal("P-256", key.Crv);

        var token = Demo.Ok(await http.RequestClientCredentialsTokenAsync(
            new ClientCredentialsTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.ConfidentialId, ClientSecret = Demo.ConfidentialSecret, Scope = "read" }, Demo.Ct));
        Assert.Equal(3, token.AccessToken!.Split('.').Length);
    }
}
