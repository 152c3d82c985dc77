using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Dpop;

/// <summary>DPoP (RFC 9449) over HTTP against the sample: the token endpoint, the bearer scheme at /api/me, metadata.</summary>
public sealed class DpopHttpTests(SampleServerFixture server) : IDisposable
{
    private readonly DpopKey _key = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _key.Dispose();

    private async Task<(HttpResponseMessage Response, JsonElement Json)> TokenAsync(HttpClient client, string? proof, string? nonce = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]),
        };
        request.Headers.Authorization = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        var response = await client.SendAsync(request, Ct);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    private async Task<HttpResponseMessage> MeAsync(HttpClient client, string scheme, string token, string? proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Section5_1_MetadataAdvertisesDpopAlgorithms()
    {
        using var client = server.CreateClient();
        var metadata = await client.GetFromJsonAsync<JsonElement>(".well-known/oauth-authorization-server", Ct);

        Assert.Contains("ES256", metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Section5_And7_ABoundTokenWorksAtApiMeWithItsProofAndNotAsBearer()
    {
        using var client = server.CreateClient();
        var (response, json) = await TokenAsync(client, _key.Proof(HttpMethod.Post, new Uri(server.BaseAddress, "token")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DPoP", json.GetProperty("token_type").GetString());
        var token = json.GetProperty("access_token").GetString()!;

        using var withProof = await MeAsync(client, "DPoP", token, _key.Proof(HttpMethod.Get, new Uri(server.BaseAddress, "api/me"), token));
        using var asBearer = await MeAsync(client, "Bearer", token, null);

        Assert.Equal(HttpStatusCode.OK, withProof.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        var challenge = asBearer.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("DPoP algs=", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section7_1_AProofForAnotherUrlIsA401WithADpopChallenge()
    {
        using var client = server.CreateClient();
        var (_, json) = await TokenAsync(client, _key.Proof(HttpMethod.Post, new Uri(server.BaseAddress, "token")));
        var token = json.GetProperty("access_token").GetString()!;

        using var response = await MeAsync(client, "DPoP", token, _key.Proof(HttpMethod.Get, new Uri(server.BaseAddress, "api/admin"), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("DPoP realm=\"OAuth2 Sample\", algs=", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_dpop_proof\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section4_3_AProofForAnotherUrlAtTheTokenEndpointIsInvalidDpopProof()
    {
        using var client = server.CreateClient();

        var (response, json) = await TokenAsync(client, _key.Proof(HttpMethod.Post, new Uri("https://elsewhere.example/token")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_dpop_proof", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Section6_2_IntrospectionSaysDpopAndCarriesCnfJkt()
    {
        using var client = server.CreateClient();
        var (_, json) = await TokenAsync(client, _key.Proof(HttpMethod.Post, new Uri(server.BaseAddress, "token")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "introspect")
        {
            Content = new FormUrlEncodedContent([new("token", json.GetProperty("access_token").GetString()!)]),
        };
        request.Headers.Authorization = OAuthHttp.Basic("demo-resource", "demo-resource-secret");

        using var response = await client.SendAsync(request, Ct);
        var body = await OAuthHttp.ReadJsonAsync(response);

        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal("DPoP", body.GetProperty("token_type").GetString());
        Assert.Equal(_key.Thumbprint, body.GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task Section8_WithNoncesOnTheFirstProofGetsUseDpopNonceAndTheRetrySucceeds()
    {
        await using var sample = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Dpop:RequireNonce=true"], Ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        var tokenUrl = new Uri(sample.BaseAddress, "token");

        var (first, firstJson) = await TokenAsync(client, _key.Proof(HttpMethod.Post, tokenUrl));
        var nonce = first.Headers.GetValues("DPoP-Nonce").Single();
        var (retry, retryJson) = await TokenAsync(client, _key.Proof(HttpMethod.Post, tokenUrl, nonce: nonce));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("use_dpop_nonce", firstJson.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("DPoP", retryJson.GetProperty("token_type").GetString());
    }
}
