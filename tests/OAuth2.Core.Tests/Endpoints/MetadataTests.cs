using OAuth2.Handlers;
using static OAuth2.Core.Tests.Endpoints.EndpointTestKit;

namespace OAuth2.Core.Tests.Endpoints;

public sealed class MetadataTests
{
    private static readonly MetadataEndpoints Endpoints = new()
    {
        Issuer = new Uri("https://as.example.com/"),
        Authorization = new Uri("https://as.example.com/authorize"),
        Token = new Uri("https://as.example.com/token"),
        Revocation = new Uri("https://as.example.com/revoke"),
        Introspection = new Uri("https://as.example.com/introspect"),
    };

    [Fact]
    public void Default_metadata_reflects_the_configuration()
    {
        var metadata = NewServer(NewModel()).GetMetadata(Endpoints);

        Assert.Equal("https://as.example.com", metadata["issuer"]);
        Assert.Equal("https://as.example.com/token", metadata["token_endpoint"]);
        Assert.Equal("https://as.example.com/authorize", metadata["authorization_endpoint"]);
        Assert.Equal(new[] { "S256" }, metadata["code_challenge_methods_supported"]);
        Assert.Equal(new[] { "authorization_code", "client_credentials", "password", "refresh_token" }, metadata["grant_types_supported"]);
        Assert.Equal(new[] { "code" }, metadata["response_types_supported"]);
        Assert.Equal("https://as.example.com/revoke", metadata["revocation_endpoint"]);
        Assert.Equal("https://as.example.com/introspect", metadata["introspection_endpoint"]);
        Assert.False(metadata.ContainsKey("jwks_uri"));
    }

    [Fact]
    public void Options_change_what_is_advertised()
    {
        var options = new OAuth2ServerOptions { EnablePlainPkce = true, Issuer = "https://as.example.com" };
        options.GrantTypes.Remove(GrantTypes.Password);
        var metadata = NewServer(NewModel(), options).GetMetadata(Endpoints);

        Assert.Equal(new[] { "S256", "plain" }, metadata["code_challenge_methods_supported"]);
        Assert.DoesNotContain("password", (string[])metadata["grant_types_supported"]!);
        Assert.Equal(true, metadata["authorization_response_iss_parameter_supported"]);
    }
}
