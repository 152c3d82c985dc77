using System.Net;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Security;

/// <summary>
/// RFC 7662 section 4 in the sample: the resource server (<c>demo-resource</c>, allowed in appsettings.json) sees
/// any token; an ordinary confidential client sees its own tokens and nothing of anyone else's.
/// </summary>
public sealed class IntrospectionPermissionHttpTests(SampleServerFixture server)
{
    public const string ResourceClientId = "demo-resource";
    public const string ResourceClientSecret = "demo-resource-secret";

    private static async Task<JsonElement> IntrospectAsync(HttpClient client, string token, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "introspect") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Authorization = OAuthHttp.Basic(clientId, secret);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OAuthHttp.ReadJsonAsync(response);
    }

    private async Task<string> PublicClientTokenAsync(HttpClient client)
    {
        var pkce = PkcePair.Create();
        var (code, _) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", pkce));
        var (_, json) = await OAuthHttp.PostTokenAsync(client, [
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", server.CallbackUri),
            new("client_id", PublicClientId), new("code_verifier", pkce.Verifier)]);
        return json.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task The_resource_server_sees_another_clients_token()
    {
        using var client = server.CreateClient();
        var token = await PublicClientTokenAsync(client);
        var json = await IntrospectAsync(client, token, ResourceClientId, ResourceClientSecret);

        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("user-alice", json.GetProperty("sub").GetString());
        Assert.Equal(PublicClientId, json.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task An_ordinary_client_learns_nothing_of_another_clients_token()
    {
        using var client = server.CreateClient();
        var token = await PublicClientTokenAsync(client);
        var json = await IntrospectAsync(client, token, ConfidentialClientId, ConfidentialClientSecret);

        Assert.Equal("""{"active":false}""", json.GetRawText());
    }
}
