using System.Net;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Dpop;

/// <summary>RFC 9449 section 10 over HTTP against the sample: <c>dpop_jkt</c> through the consent form, then the token request.</summary>
public sealed class DpopCodeBindingHttpTests(SampleServerFixture server) : IDisposable
{
    private readonly DpopKey _key = new();
    private readonly DpopKey _other = new();

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private async Task<(string Code, PkcePair Pkce)> BoundCodeAsync(HttpClient client)
    {
        var pkce = PkcePair.Create();
        var query = SignInForm.AuthorizeQuery(PublicClientId, server.CallbackUri, "read", "st-jkt", pkce) + "&dpop_jkt=" + _key.Thumbprint;
        var (code, _) = await SignInForm.ApproveAsync(client, query);
        return (code, pkce);
    }

    private async Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Json)> ExchangeAsync(HttpClient client, string code, PkcePair pkce, DpopKey key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", server.CallbackUri),
                new("client_id", PublicClientId), new("code_verifier", pkce.Verifier),
            ]),
        };
        request.Headers.Add("DPoP", key.Proof(HttpMethod.Post, new Uri(server.BaseAddress, "token")));
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    [Fact]
    public async Task Section10_ACodeBoundByDpopJktGivesADpopTokenForThatKeyAndInvalidGrantForAnother()
    {
        using var client = server.CreateClient();

        var (code, pkce) = await BoundCodeAsync(client);
        var (refused, refusedJson) = await ExchangeAsync(client, code, pkce, _other);
        var (accepted, acceptedJson) = await ExchangeAsync(client, code, pkce, _key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", refusedJson.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("DPoP", acceptedJson.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task Section10_1_AProofAtTheParEndpointBindsTheCodeToItsKey()
    {
        using var client = server.CreateClient();
        var pkce = PkcePair.Create();
        using var push = new HttpRequestMessage(HttpMethod.Post, "par")
        {
            Content = new FormUrlEncodedContent(EndToEnd.PushedAuthorizationTests.AuthorizationForm(ConfidentialClientId, EndToEnd.PushedAuthorizationTests.RegisteredRedirectUri, pkce)),
        };
        push.Headers.Authorization = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);
        push.Headers.Add("DPoP", _key.Proof(HttpMethod.Post, new Uri(server.BaseAddress, "par")));
        using var pushed = await client.SendAsync(push, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        var requestUri = (await OAuthHttp.ReadJsonAsync(pushed)).GetProperty("request_uri").GetString()!;
        var (code, _) = await SignInForm.ApproveAsync(client, EndToEnd.PushedAuthorizationTests.ByReference(ConfidentialClientId, requestUri));

        using var refused = await ConfidentialExchangeAsync(client, code, pkce, _other);
        using var accepted = await ConfidentialExchangeAsync(client, code, pkce, _key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private async Task<HttpResponseMessage> ConfidentialExchangeAsync(HttpClient client, string code, PkcePair pkce, DpopKey key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "authorization_code"), new("code", code),
                new("redirect_uri", EndToEnd.PushedAuthorizationTests.RegisteredRedirectUri), new("code_verifier", pkce.Verifier),
            ]),
        };
        request.Headers.Authorization = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);
        request.Headers.Add("DPoP", key.Proof(HttpMethod.Post, new Uri(server.BaseAddress, "token")));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

