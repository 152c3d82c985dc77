using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// Dynamic client registration (RFC 7591) and management (RFC 7592) over HTTP against the sample, which protects
/// <c>/register</c> with an initial access token configured as its SHA-256 digest.
/// </summary>
public sealed class RegistrationHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string InitialToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Task<RunningSample> StartAsync(params string[] extra) => RunningSample.StartAsync(
        [
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:SecretHashIterations=1000",
            "--OAuth2:ClientRegistration:InitialAccessTokenHashes:0=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(InitialToken))),
            .. extra,
        ],
        Ct);

    private static async Task<(HttpResponseMessage Response, JsonElement Json)> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Register_read_update_delete_and_use_the_client_at_the_token_endpoint()
    {
        await using var sample = await StartAsync("--OAuth2:ClientRegistration:AllowedGrantTypes:2=client_credentials");
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };

        var metadata = JsonDocument.Parse(await http.GetStringAsync(".well-known/oauth-authorization-server", Ct)).RootElement;
        Assert.Equal(new Uri(sample.BaseAddress, "register").AbsoluteUri, metadata.GetProperty("registration_endpoint").GetString());

        var (created, client) = await SendAsync(http, HttpMethod.Post, "register", InitialToken,
            """{"client_name":"Registered","grant_types":["client_credentials"],"scope":"read","contacts":["ops@example.com"],"unknown_member":42}""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, client.ToString());
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var clientId = client.GetProperty("client_id").GetString()!;
        var secret = client.GetProperty("client_secret").GetString()!;
        var registrationToken = client.GetProperty("registration_access_token").GetString()!;
        var configurationUri = client.GetProperty("registration_client_uri").GetString()!;
        Assert.Equal(new Uri(sample.BaseAddress, "register/" + clientId).AbsoluteUri, configurationUri);
        Assert.Equal(0, client.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Equal("client_secret_basic", client.GetProperty("token_endpoint_auth_method").GetString());
        Assert.False(client.TryGetProperty("unknown_member", out _));

        // The generated secret works at the token endpoint.
        var (token, tokenJson) = await OAuthHttp.PostTokenAsync(http, [new("grant_type", "client_credentials"), new("scope", "read")], OAuthHttp.Basic(clientId, secret));
        Assert.True(token.StatusCode == HttpStatusCode.OK, tokenJson.ToString());

        var (read, readJson) = await SendAsync(http, HttpMethod.Get, configurationUri, registrationToken, null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Registered", readJson.GetProperty("client_name").GetString());
        Assert.False(readJson.TryGetProperty("client_secret", out _));
        Assert.Equal("ops@example.com", readJson.GetProperty("contacts")[0].GetString());

        // RFC 7592 section 2.2: full replacement; the registration access token rotates.
        var (updated, updatedJson) = await SendAsync(http, HttpMethod.Put, configurationUri, registrationToken,
            $$"""{"client_id":"{{clientId}}","grant_types":["client_credentials"],"scope":"write"}""");
        Assert.True(updated.StatusCode == HttpStatusCode.OK, updatedJson.ToString());
        Assert.False(updatedJson.TryGetProperty("client_name", out _));
        Assert.Equal("write", updatedJson.GetProperty("scope").GetString());
        var rotated = updatedJson.GetProperty("registration_access_token").GetString()!;
        Assert.NotEqual(registrationToken, rotated);
        var (stale, _) = await SendAsync(http, HttpMethod.Get, configurationUri, registrationToken, null);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        var (scoped, scopedJson) = await OAuthHttp.PostTokenAsync(http, [new("grant_type", "client_credentials"), new("scope", "read")], OAuthHttp.Basic(clientId, secret));
        Assert.True(scoped.StatusCode == HttpStatusCode.BadRequest, scopedJson.ToString());

        var (deleted, _) = await SendAsync(http, HttpMethod.Delete, configurationUri, rotated, null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, _) = await SendAsync(http, HttpMethod.Get, configurationUri, rotated, null);
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        var (refused, _) = await OAuthHttp.PostTokenAsync(http, [new("grant_type", "client_credentials")], OAuthHttp.Basic(clientId, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rfc7592_2_3_deleting_a_client_makes_its_access_token_fail_at_once_opaque_or_jwt(bool jwt)
    {
        await using var sample = await StartAsync(["--OAuth2:ClientRegistration:AllowedGrantTypes:2=client_credentials", .. jwt ? new[] { "--OAuth2:Jwt:Enabled=true" } : []]);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };
        const string machine = """{"grant_types":["client_credentials"],"scope":"read"}""";

        async Task<(string ConfigurationUri, string RegistrationToken, string AccessToken)> RegisterAndGetTokenAsync()
        {
            var (created, client) = await SendAsync(http, HttpMethod.Post, "register", InitialToken, machine);
            Assert.True(created.StatusCode == HttpStatusCode.Created, client.ToString());
            var (token, tokenJson) = await OAuthHttp.PostTokenAsync(
                http,
                [new("grant_type", "client_credentials"), new("scope", "read")],
                OAuthHttp.Basic(client.GetProperty("client_id").GetString()!, client.GetProperty("client_secret").GetString()!));
            Assert.True(token.StatusCode == HttpStatusCode.OK, tokenJson.ToString());
            return (client.GetProperty("registration_client_uri").GetString()!, client.GetProperty("registration_access_token").GetString()!, tokenJson.GetProperty("access_token").GetString()!);
        }

        async Task<HttpStatusCode> MeAsync(string accessToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(request, Ct);
            return response.StatusCode;
        }

        var deleted = await RegisterAndGetTokenAsync();
        var kept = await RegisterAndGetTokenAsync();
        Assert.Equal(jwt, deleted.AccessToken.Count(c => c == '.') == 2);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(deleted.AccessToken));

        var (delete, _) = await SendAsync(http, HttpMethod.Delete, deleted.ConfigurationUri, deleted.RegistrationToken, null);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(deleted.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(kept.AccessToken));
    }

    [Fact]
    public async Task Registration_without_or_with_a_wrong_initial_access_token_is_401_with_a_bearer_challenge()
    {
        await using var sample = await StartAsync();
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };
        const string body = """{"redirect_uris":["https://app.example.com/cb"]}""";

        var (missing, _) = await SendAsync(http, HttpMethod.Post, "register", null, body);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);

        var (wrong, wrongJson) = await SendAsync(http, HttpMethod.Post, "register", InitialToken + "x", body);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_token", wrongJson.GetProperty("error").GetString());
        Assert.Contains("error=\"invalid_token\"", wrong.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_metadata_gets_the_rfc_7591_errors_and_never_a_500()
    {
        await using var sample = await StartAsync();
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };

        foreach (var (body, error) in new[]
                 {
                     ("""{"redirect_uris":["http://app.example.com/cb"]}""", "invalid_redirect_uri"),
                     ("""{"redirect_uris":["https://app.example.com/cb#f"]}""", "invalid_redirect_uri"),
                     ("""{"redirect_uris":["https://a.example/cb"],"grant_types":["password"]}""", "invalid_client_metadata"),
                     ("""{"redirect_uris":["https://a.example/cb"],"response_types":["token"]}""", "invalid_client_metadata"),
                     ("""{"redirect_uris":["https://a.example/cb"],"scope":"admin"}""", "invalid_client_metadata"),
                     ("""{"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata"),
                     ("""{"redirect_uris":["https://a.example/cb"],"software_statement":"e30.e30.x"}""", "unapproved_software_statement"),
                     ("""{"redirect_uris":"https://a.example/cb"}""", "invalid_client_metadata"),
                     ("""[1,2]""", "invalid_client_metadata"),
                     ("""{"redirect_uris":[""", "invalid_client_metadata"),
                 })
        {
            var (response, json) = await SendAsync(http, HttpMethod.Post, "register", InitialToken, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body + " -> " + (int)response.StatusCode);
            Assert.Equal(error, json.GetProperty("error").GetString());
        }

        using var huge = new HttpRequestMessage(HttpMethod.Post, "register") { Content = new StringContent("{\"client_name\":\"" + new string('a', 40_000) + "\"}", Encoding.UTF8, "application/json") };
        huge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InitialToken);
        using var tooLarge = await http.SendAsync(huge, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task The_sample_as_shipped_refuses_every_registration_no_token_works_out_of_the_box()
    {
        await using var sample = await RunningSample.StartAsync(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], Ct);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };

        var (response, json) = await SendAsync(http, HttpMethod.Post, "register", InitialToken, """{"redirect_uris":["https://app.example.com/cb"]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_token", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Registration_is_rate_limited_per_address_before_the_body_is_read()
    {
        await using var sample = await StartAsync("--OAuth2:RateLimits:Registration:PerAddress:PermitLimit=2");
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };
        const string body = """{"redirect_uris":["https://app.example.com/cb"]}""";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SendAsync(http, HttpMethod.Post, "register", InitialToken, body)).Response.StatusCode);
        }

        Assert.Equal(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests }, statuses);
    }

    [Fact]
    public async Task A_secret_with_a_lifetime_expires_at_the_token_endpoint_and_an_update_issues_a_new_one()
    {
        // ClientSecretLifetime from configuration, a fake clock in the host: no waiting in the test.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sample = await RunningSample.StartAsync(
            [
                "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:SecretHashIterations=1000",
                "--OAuth2:ClientRegistration:InitialAccessTokenHashes:0=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(InitialToken))),
                "--OAuth2:ClientRegistration:AllowedGrantTypes:2=client_credentials", "--OAuth2:ClientRegistration:ClientSecretLifetime=01:00:00",
            ],
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            },
            Ct);
        using var http = new HttpClient { BaseAddress = sample.BaseAddress };
        KeyValuePair<string, string>[] form = [new("grant_type", "client_credentials"), new("scope", "read")];

        var (created, client) = await SendAsync(http, HttpMethod.Post, "register", InitialToken, """{"grant_types":["client_credentials"],"scope":"read"}""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, client.ToString());
        var clientId = client.GetProperty("client_id").GetString()!;
        var secret = client.GetProperty("client_secret").GetString()!;
        var configurationUri = client.GetProperty("registration_client_uri").GetString()!;
        var expiresAt = client.GetProperty("client_secret_expires_at").GetInt64();
        Assert.Equal((clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), expiresAt);
        var (fresh, _) = await OAuthHttp.PostTokenAsync(http, form, OAuthHttp.Basic(clientId, secret));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        clock.Advance(TimeSpan.FromHours(1));
        var (expired, expiredJson) = await OAuthHttp.PostTokenAsync(http, form, OAuthHttp.Basic(clientId, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("invalid_client", expiredJson.GetProperty("error").GetString());

        // RFC 7592 section 2.2: the update answers with a new secret and a fresh expiry; the old secret stays refused.
        var (updated, updatedJson) = await SendAsync(http, HttpMethod.Put, configurationUri, client.GetProperty("registration_access_token").GetString(),
            $$"""{"client_id":"{{clientId}}","grant_types":["client_credentials"],"scope":"read"}""");
        Assert.True(updated.StatusCode == HttpStatusCode.OK, updatedJson.ToString());
        var renewed = updatedJson.GetProperty("client_secret").GetString()!;
        Assert.NotEqual(secret, renewed);
        Assert.Equal((clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), updatedJson.GetProperty("client_secret_expires_at").GetInt64());
        var (again, againJson) = await OAuthHttp.PostTokenAsync(http, form, OAuthHttp.Basic(clientId, renewed));
        Assert.True(again.StatusCode == HttpStatusCode.OK, againJson.ToString());
        var (old, _) = await OAuthHttp.PostTokenAsync(http, form, OAuthHttp.Basic(clientId, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }
}
