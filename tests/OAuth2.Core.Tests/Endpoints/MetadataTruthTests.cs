using OAuth2.Handlers;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

/// <summary>
/// RFC 8414 section 2: the document describes what a client can really use here: endpoints the host serves, grants
/// usable through them, the scopes the host declares, and nothing the RFCs do not define.
/// </summary>
public sealed class MetadataTruthTests
{
    private static readonly MetadataEndpoints TokenOnly = new()
    {
        Issuer = new Uri("https://as.example.com/"),
        Token = new Uri("https://as.example.com/token"),
    };

    [Fact]
    public void Rfc8414_s2_authorization_code_is_not_advertised_without_an_authorization_endpoint()
    {
        var metadata = NewServer(NewModel()).GetMetadata(TokenOnly);

        var grants = (IEnumerable<string>)metadata["grant_types_supported"]!;
        Assert.DoesNotContain(GrantTypes.AuthorizationCode, grants);
        Assert.Contains(GrantTypes.ClientCredentials, grants);
        Assert.False(metadata.ContainsKey("authorization_endpoint"));
        Assert.False(metadata.ContainsKey("code_challenge_methods_supported"));
        Assert.Equal(Array.Empty<string>(), metadata["response_types_supported"]);
        Assert.False(metadata.ContainsKey("revocation_endpoint"));
        Assert.False(metadata.ContainsKey("introspection_endpoint"));
    }

    [Fact]
    public void Rfc8414_s2_the_device_grant_needs_its_endpoint_served()
    {
        var server = new Devices.DeviceKit().Server;

        var without = server.GetMetadata(TokenOnly);
        var with = server.GetMetadata(TokenOnly with { DeviceAuthorization = new Uri("https://as.example.com/device_authorization") });

        Assert.DoesNotContain(GrantTypes.DeviceCode, (IEnumerable<string>)without["grant_types_supported"]!);
        Assert.False(without.ContainsKey("device_authorization_endpoint"));
        Assert.Contains(GrantTypes.DeviceCode, (IEnumerable<string>)with["grant_types_supported"]!);
        Assert.Equal("https://as.example.com/device_authorization", with["device_authorization_endpoint"]);
    }

    [Fact]
    public void Rfc8414_s2_refresh_token_is_not_advertised_when_no_usable_grant_issues_one()
    {
        var options = new OAuth2ServerOptions { Issuer = "https://as.example.com" };
        options.GrantTypes.Remove(GrantTypes.Password);
        var metadata = NewServer(NewModel(), options).GetMetadata(TokenOnly);

        // authorization_code is unusable (no authorization endpoint): what is left issues no refresh token.
        Assert.Equal(new[] { GrantTypes.ClientCredentials }, metadata["grant_types_supported"]);
    }

    [Fact]
    public void Rfc8414_s2_scopes_supported_only_when_the_host_declares_them()
    {
        var options = new OAuth2ServerOptions { Issuer = "https://as.example.com", ScopesSupported = ["read", "write", "read"] };

        var declared = NewServer(NewModel(), options).GetMetadata(TokenOnly);
        var undeclared = NewServer(NewModel()).GetMetadata(TokenOnly);

        Assert.Equal(new[] { "read", "write" }, declared["scopes_supported"]);
        Assert.False(undeclared.ContainsKey("scopes_supported"));
    }

    [Fact]
    public void Rfc8707_defines_no_metadata_so_none_is_invented()
    {
        var metadata = NewServer(NewModel()).GetMetadata(TokenOnly);

        Assert.DoesNotContain(metadata.Keys, k => k.Contains("resource", StringComparison.OrdinalIgnoreCase));
    }
}
