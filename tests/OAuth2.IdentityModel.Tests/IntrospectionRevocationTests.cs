using Duende.IdentityModel.Client;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.IdentityModel.Tests.Support;

namespace OAuth2.IdentityModel.Tests;

/// <summary>Introspection (RFC 7662) by the sample's resource server and revocation (RFC 7009) by confidential and public clients.</summary>
public sealed class IntrospectionRevocationTests(SampleServerFixture server)
{
    private static CancellationToken Ct => Demo.Ct;

    private static Task<TokenIntrospectionResponse> IntrospectAsync(HttpClient http, DiscoveryDocumentResponse disco, string token)
        => http.IntrospectTokenAsync(
            new TokenIntrospectionRequest { Address = disco.IntrospectionEndpoint, ClientId = Demo.ResourceId, ClientSecret = Demo.ResourceSecret, Token = token }, Ct);

    [Fact]
    public async Task The_resource_server_introspects_then_the_confidential_client_revokes()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var token = await Demo.PasswordTokenAsync(http, disco, "read write");

        var active = await IntrospectAsync(http, disco, token.AccessToken!);
        Assert.False(active.IsError, active.Error);
        Assert.True(active.IsActive);
        Assert.Equal(["read", "write"], active.Scopes);
        Assert.Equal(Demo.ConfidentialId, active.ClientId);
        Assert.Equal("user-alice", active.Subject);

        // Revoking the refresh token ends its family, the access token included.
        var revoked = await http.RevokeTokenAsync(
            new TokenRevocationRequest
            {
                Address = disco.RevocationEndpoint,
                ClientId = Demo.ConfidentialId,
                ClientSecret = Demo.ConfidentialSecret,
                Token = token.RefreshToken!,
                TokenTypeHint = "refresh_token",
            }, Ct);
        Assert.False(revoked.IsError, revoked.Error);

        Assert.False((await IntrospectAsync(http, disco, token.AccessToken!)).IsActive);
        Assert.False((await IntrospectAsync(http, disco, token.RefreshToken!)).IsActive);
    }

    [Fact]
    public async Task A_client_without_the_introspection_permission_learns_nothing_about_another_clients_token()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var (code, verifier) = await Browserless.SignInAsync(server, disco, Demo.PublicId, server.CallbackUri);
        var token = Demo.Ok(await http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, Code = code, RedirectUri = server.CallbackUri, CodeVerifier = verifier }, Ct));

        var answer = await http.IntrospectTokenAsync(
            new TokenIntrospectionRequest { Address = disco.IntrospectionEndpoint, ClientId = Demo.ConfidentialId, ClientSecret = Demo.ConfidentialSecret, Token = token.AccessToken! }, Ct);
        Assert.False(answer.IsError, answer.Error);
        Assert.False(answer.IsActive);
    }

    [Fact]
    public async Task A_public_client_revokes_its_own_refresh_token_with_its_id_in_basic()
    {
        using var http = new HttpClient();
        var disco = await Demo.DiscoverAsync(http, server.BaseAddress);
        var (code, verifier) = await Browserless.SignInAsync(server, disco, Demo.PublicId, server.CallbackUri);
        var token = Demo.Ok(await http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, Code = code, RedirectUri = server.CallbackUri, CodeVerifier = verifier }, Ct));

        var revoked = await http.RevokeTokenAsync(
            new TokenRevocationRequest { Address = disco.RevocationEndpoint, ClientId = Demo.PublicId, Token = token.RefreshToken!, TokenTypeHint = "refresh_token" }, Ct);
        Assert.False(revoked.IsError, revoked.Error);

        var refresh = await http.RequestRefreshTokenAsync(
            new RefreshTokenRequest { Address = disco.TokenEndpoint, ClientId = Demo.PublicId, RefreshToken = token.RefreshToken! }, Ct);
        Assert.Equal("invalid_grant", refresh.Error);
        Assert.False((await IntrospectAsync(http, disco, token.AccessToken!)).IsActive);
    }
}
