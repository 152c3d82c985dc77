using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth2.AspNetCore.Tests.Abuse;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.ClientAssertions;

/// <summary>
/// private_key_jwt over real HTTP (RFC 7523 section 2.2, OpenID Connect Core section 9): a sample of its own registers a
/// client with a public key generated here, given as a <c>--OAuth2:Clients:N:Jwks</c> argument; the test signs with
/// the private key at the token, revocation, introspection and device authorization endpoints.
/// </summary>
public sealed class PrivateKeyJwtHttpTests
{
    private const string ClientId = "demo-keys";
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private Task<AbuseSample> StartAsync()
    {
        var p = _key.ExportParameters(false);
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = "P-256", kid = "k1", x = Base64Url.EncodeToString(p.Q.X), y = Base64Url.EncodeToString(p.Q.Y) } } });
        return AbuseSample.StartAsync(
            $"--OAuth2:Clients:90:ClientId={ClientId}",
            "--OAuth2:Clients:90:Grants:0=client_credentials",
            "--OAuth2:Clients:90:Grants:1=urn:ietf:params:oauth:grant-type:device_code",
            "--OAuth2:Clients:90:Scopes:0=read",
            $"--OAuth2:Clients:90:Jwks={jwks}");
    }

    private string Assertion(AbuseSample sample, string audience, string? jti = null, string issuer = ClientId, int lifetimeSeconds = 60)
    {
        var now = sample.Clock.GetUtcNow();
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", kid = "k1", typ = "JWT" }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = issuer,
            sub = ClientId,
            aud = audience,
            jti = jti ?? Guid.NewGuid().ToString("N"),
            iat = now.ToUnixTimeSeconds(),
            exp = now.AddSeconds(lifetimeSeconds).ToUnixTimeSeconds(),
        }));
        var input = header + "." + payload;
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    private static string Issuer(AbuseSample sample) => sample.BaseAddress.ToString().TrimEnd('/');

    private static async Task<(HttpResponseMessage Response, JsonElement Json)> PostAsync(HttpClient client, string path, string assertion, params KeyValuePair<string, string>[] form)
    {
        using var content = new FormUrlEncodedContent([.. form, new("client_assertion_type", AssertionType), new("client_assertion", assertion)]);
        var response = await client.PostAsync(path, content, Ct);
        return (response, await OAuthHttp.ReadJsonAsync(response));
    }

    private static void AssertInvalidClient(HttpResponseMessage response, JsonElement json)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc7523_2_2_client_credentials_with_an_assertion_gets_a_token_and_the_replay_is_refused()
    {
        await using var sample = await StartAsync();
        using var client = sample.ClientFrom("127.0.0.2");
        var assertion = Assertion(sample, Issuer(sample));

        var (ok, json) = await PostAsync(client, "token", assertion, new("grant_type", "client_credentials"), new("scope", "read"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("access_token").GetString()));

        var (replayed, replayJson) = await PostAsync(client, "token", assertion, new("grant_type", "client_credentials"), new("scope", "read"));
        AssertInvalidClient(replayed, replayJson);
        Assert.DoesNotContain(assertion, replayJson.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfc7523_3_the_token_endpoint_url_is_an_accepted_audience_and_another_url_is_not()
    {
        await using var sample = await StartAsync();
        using var client = sample.ClientFrom("127.0.0.2");

        var (ok, _) = await PostAsync(client, "token", Assertion(sample, Issuer(sample) + "/token"), new("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var (wrong, json) = await PostAsync(client, "token", Assertion(sample, "https://elsewhere.example/token"), new("grant_type", "client_credentials"));
        AssertInvalidClient(wrong, json);
    }

    [Fact]
    public async Task Revocation_introspection_and_device_authorization_accept_an_assertion_for_their_own_url()
    {
        await using var sample = await StartAsync();
        using var client = sample.ClientFrom("127.0.0.2");
        var issuer = Issuer(sample);
        var (_, token) = await PostAsync(client, "token", Assertion(sample, issuer), new("grant_type", "client_credentials"), new("scope", "read"));
        var access = token.GetProperty("access_token").GetString()!;

        var (introspected, introspection) = await PostAsync(client, "introspect", Assertion(sample, issuer + "/introspect"), new("token", access));
        Assert.Equal(HttpStatusCode.OK, introspected.StatusCode);
        Assert.True(introspection.GetProperty("active").GetBoolean());

        var (device, deviceJson) = await PostAsync(client, "device_authorization", Assertion(sample, issuer + "/device_authorization"), new("scope", "read"));
        Assert.Equal(HttpStatusCode.OK, device.StatusCode);
        Assert.False(string.IsNullOrEmpty(deviceJson.GetProperty("device_code").GetString()));

        var (revoked, _) = await PostAsync(client, "revoke", Assertion(sample, issuer + "/revoke"), new("token", access));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var (_, after) = await PostAsync(client, "introspect", Assertion(sample, issuer), new("token", access));
        Assert.False(after.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Rfc6749_2_3_a_secret_beside_the_assertion_is_invalid_request()
    {
        await using var sample = await StartAsync();
        using var client = sample.ClientFrom("127.0.0.2");
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_assertion_type", AssertionType), new("client_assertion", Assertion(sample, Issuer(sample)))]),
        };
        request.Headers.Authorization = OAuthHttp.Basic(ClientId, "guess");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await OAuthHttp.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Failed_assertions_count_toward_the_failed_authentication_lockout()
    {
        await using var sample = await StartAsync();
        using var attacker = sample.ClientFrom("127.0.0.3");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // Signed by the right key but claiming another issuer: a failed client authentication each time.
            var (response, _) = await PostAsync(attacker, "token", Assertion(sample, Issuer(sample), issuer: "someone-else"), new("grant_type", "client_credentials"));
            statuses.Add(response.StatusCode);
        }

        // The default: 10 failed client authentications per client and address, then 429 without checking.
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var (locked, _) = await PostAsync(attacker, "token", Assertion(sample, Issuer(sample)), new("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Metadata_advertises_private_key_jwt_and_its_algorithms()
    {
        await using var sample = await StartAsync();
        using var client = sample.ClientFrom("127.0.0.2");
        using var response = await client.GetAsync(".well-known/oauth-authorization-server", Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        foreach (var endpoint in new[] { "token_endpoint", "revocation_endpoint", "introspection_endpoint" })
        {
            Assert.Contains("private_key_jwt", json.GetProperty(endpoint + "_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["ES256", "ES384", "PS256", "RS256"], json.GetProperty(endpoint + "_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()!));
        }
    }
}
