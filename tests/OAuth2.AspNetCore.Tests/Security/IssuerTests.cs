using System.Net;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Security;

/// <summary>
/// The issuer is configuration, never a request header: a forged Host changes nothing in the metadata, and every
/// authorization response (errors included) carries <c>iss</c> (RFC 9207).
/// </summary>
public sealed class IssuerTests(SampleServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Issuer => server.BaseAddress.ToString().TrimEnd('/');

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:443")]
    [InlineData("127.0.0.1:1")]
    public async Task A_forged_host_header_does_not_change_the_metadata(string host)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ".well-known/oauth-authorization-server");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request, Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Issuer, json.GetProperty("issuer").GetString());
        Assert.Equal(Issuer + "/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal(Issuer + "/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.DoesNotContain("evil", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_redirects_carry_iss()
    {
        using var client = server.CreateClient();
        var query = SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()).Replace("response_type=code", "response_type=token", StringComparison.Ordinal);
        using var response = await client.GetAsync("authorize?" + query, Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var redirect = OAuthHttp.ParseQuery(response.Headers.Location!);
        Assert.Equal("unsupported_response_type", redirect["error"]);
        Assert.Equal(Issuer, redirect["iss"]);
    }

    [Fact]
    public async Task Success_redirects_carry_iss()
    {
        using var client = server.CreateClient();
        var (_, query) = await SignInForm.ApproveAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()));
        Assert.Equal(Issuer, query["iss"]);
    }

    [Fact]
    public async Task Denied_redirects_carry_iss()
    {
        using var client = server.CreateClient();
        var html = await SignInForm.OpenAsync(client, SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()));
        using var denied = await SignInForm.SubmitAsync(client, html, null, null, "false");
        var redirect = OAuthHttp.ParseQuery(denied.Headers.Location!);
        Assert.Equal("access_denied", redirect["error"]);
        Assert.Equal(Issuer, redirect["iss"]);
    }
}
