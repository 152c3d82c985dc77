using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OAuth2.AspNetCore.ResourceServer.Introspection;
using OAuth2.AspNetCore.ResourceServer.Tests.Support;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Introspection;

/// <summary>The introspection scheme against a stand-in authorization server, over real HTTP, on a fake clock.</summary>
public sealed class IntrospectionSchemeTests : IAsyncLifetime
{
    private const string Token = "tok-3q2+7w_AbC.def~ghi/JKL==";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private StubAuthorizationServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await StubAuthorizationServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private object ActiveAnswer(long lifetimeSeconds = 3600, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["active"] = true,
            ["sub"] = "user-alice",
            ["client_id"] = "demo-client",
            ["scope"] = "read write",
            ["username"] = "alice",
            ["token_type"] = "Bearer",
            ["exp"] = _time.GetUtcNow().ToUnixTimeSeconds() + lifetimeSeconds,
            ["iat"] = _time.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return body;
    }

    private Task<ProtectedApi> StartApiAsync(Action<OAuth2IntrospectionOptions>? configure = null)
        => ProtectedApi.StartAsync(o =>
        {
            o.IntrospectionEndpoint = _server.IntrospectionEndpoint;
            o.ClientId = "demo resource";
            o.ClientSecret = "s3cr:t+é";
            o.TimeProvider = _time;
            o.CacheDuration = TimeSpan.FromSeconds(60);
            configure?.Invoke(o);
        });

    [Fact]
    public async Task An_active_token_authenticates_and_every_member_becomes_a_claim()
    {
        _server.Answer = _ => (200, ActiveAnswer(extra: new { aud = new[] { "urn:a", "urn:b" }, tenant = "t1", level = 3, nested = new { x = 1 } }));
        await using var api = await StartApiAsync();

        using var response = await api.GetAsync("/me", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = JsonSerializer.Deserialize<string[][]>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!
            .Select(c => (c[0], c[1])).ToList();
        Assert.Contains(("sub", "user-alice"), claims);
        Assert.Contains(("client_id", "demo-client"), claims);
        Assert.Contains(("scope", "read"), claims);
        Assert.Contains(("scope", "write"), claims);
        Assert.Contains(("username", "alice"), claims);
        Assert.Contains(("aud", "urn:a"), claims);
        Assert.Contains(("aud", "urn:b"), claims);
        Assert.Contains(("tenant", "t1"), claims);
        Assert.Contains(("level", "3"), claims);
        Assert.Contains(("nested", "{\"x\":1}"), claims);
        Assert.DoesNotContain(claims, c => c.Item1 == "active");
    }

    [Fact]
    public async Task The_resource_server_authenticates_with_client_secret_basic_and_posts_the_token()
    {
        _server.Answer = _ => (200, ActiveAnswer());
        await using var api = await StartApiAsync();

        using var response = await api.GetAsync("/me", Token);

        var request = Assert.Single(_server.Requests);
        // RFC 6749 section 2.3.1: id and secret are form-encoded, then joined and base64-encoded.
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("demo+resource:s3cr%3At%2B%C3%A9"));
        Assert.Equal(expected, request.Authorization);
        Assert.Equal(Token, request.Form["token"]);
        Assert.Equal("access_token", request.Form["token_type_hint"]);
    }

    [Fact]
    public async Task A_positive_answer_is_reused_until_the_cache_lifetime_then_asked_again()
    {
        _server.Answer = _ => (200, ActiveAnswer());
        await using var api = await StartApiAsync(o => o.CacheDuration = TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me", Token)).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me", Token)).StatusCode);
        Assert.Single(_server.Requests);

        // Revoked meanwhile: once the cached answer has lapsed the server's verdict counts.
        _server.Answer = _ => (200, new { active = false });
        _time.Advance(TimeSpan.FromSeconds(2));
        using var after = await api.GetAsync("/me", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task The_cache_never_outlives_the_tokens_own_exp()
    {
        _server.Answer = _ => (200, ActiveAnswer(lifetimeSeconds: 10));
        await using var api = await StartApiAsync(o => o.CacheDuration = TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me", Token)).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(11));
        _server.Answer = _ => (200, new { active = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", Token)).StatusCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task An_inactive_token_is_a_401_invalid_token_and_is_not_cached_by_default()
    {
        _server.Answer = _ => (200, new { active = false });
        await using var api = await StartApiAsync();

        using var first = await api.GetAsync("/me", Token);
        using var second = await api.GetAsync("/me", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The access token is not active\"", first.Headers.WwwAuthenticate.ToString());
        Assert.Equal("invalid_token", JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_negative_answer_is_cached_only_for_the_negative_lifetime()
    {
        _server.Answer = _ => (200, new { active = false });
        await using var api = await StartApiAsync(o => o.NegativeCacheDuration = TimeSpan.FromSeconds(5));

        await api.GetAsync("/me", Token);
        await api.GetAsync("/me", Token);
        Assert.Single(_server.Requests);

        _time.Advance(TimeSpan.FromSeconds(6));
        await api.GetAsync("/me", Token);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_server_error_is_a_401_never_cached_and_logged_without_the_token()
    {
        _server.Answer = _ => (500, new { error = "server_error" });
        await using var api = await StartApiAsync();

        using var first = await api.GetAsync("/me", Token);
        _server.Answer = _ => (200, ActiveAnswer());
        using var second = await api.GetAsync("/me", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Contains("error=\"invalid_token\"", first.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var failure = Assert.Single(api.Logs.Entries, e => e.EventId.Id == 5100);
        Assert.Contains("HTTP 500", failure.Text, StringComparison.Ordinal);
        AssertNoTokenLogged(api);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_401_and_a_warning_without_the_token()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var api = await StartApiAsync(o => o.IntrospectionEndpoint = new Uri($"http://127.0.0.1:{port}/introspect"));

        using var response = await api.GetAsync("/me", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("could not be checked", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains(api.Logs.Entries, e => e.EventId.Id == 5100);
        AssertNoTokenLogged(api);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_and_one_for_this_api_accepted()
    {
        await using var api = await StartApiAsync(o => o.Audience = "urn:this-api");

        _server.Answer = _ => (200, ActiveAnswer(extra: new { aud = "urn:other-api" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", "other")).StatusCode);
        _server.Answer = _ => (200, ActiveAnswer());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", "no-aud")).StatusCode);
        _server.Answer = _ => (200, ActiveAnswer(extra: new { aud = new[] { "urn:other-api", "urn:this-api" } }));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me", "mine")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_is_not_an_access_token()
    {
        _server.Answer = _ => (200, ActiveAnswer(extra: new { token_type = "refresh_token" }));
        await using var api = await StartApiAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", Token)).StatusCode);
    }

    [Fact]
    public async Task An_answer_from_another_issuer_is_refused()
    {
        _server.Answer = _ => (200, ActiveAnswer(extra: new { iss = "https://evil.example" }));
        await using var api = await StartApiAsync(o => o.Authority = _server.Issuer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", Token)).StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_scope_is_a_403_naming_the_scope()
    {
        _server.Answer = _ => (200, ActiveAnswer());
        await using var api = await StartApiAsync(o => o.Realm = "api");

        using var response = await api.GetAsync("/admin", Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"The access token lacks a scope this resource requires\", scope=\"admin\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task No_token_is_a_bare_challenge_and_no_call_to_the_server()
    {
        await using var api = await StartApiAsync(o => o.Realm = "api");

        using var response = await api.GetAsync("/me", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"api\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"d")]
    [InlineData("=")]
    public async Task A_malformed_token_is_refused_without_asking_the_server(string token)
    {
        await using var api = await StartApiAsync();

        using var response = await api.GetAsync("/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_over_long_token_is_refused_without_asking_the_server()
    {
        await using var api = await StartApiAsync(o => o.MaxTokenLength = 100);

        using var response = await api.GetAsync("/me", new string('a', 101));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Two_authorization_headers_are_a_400_invalid_request()
    {
        await using var api = await StartApiAsync();

        // HttpClient folds repeated headers into one line; a raw request keeps them apart, as a hostile client would.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.Client.BaseAddress!.Host, api.Client.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var request = $"GET /me HTTP/1.1\r\nHost: {api.Client.BaseAddress.Authority}\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        var response = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_request\"", response, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_endpoint_is_discovered_from_the_authorization_server_metadata()
    {
        _server.Answer = _ => (200, ActiveAnswer());
        await using var api = await StartApiAsync(o =>
        {
            o.IntrospectionEndpoint = null;
            o.Authority = _server.Issuer;
        });

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me", Token)).StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Metadata_naming_another_issuer_is_not_trusted()
    {
        _server.Answer = _ => (200, ActiveAnswer());
        _server.AdvertisedIssuer = "http://127.0.0.1:1";
        await using var api = await StartApiAsync(o =>
        {
            o.IntrospectionEndpoint = null;
            o.Authority = _server.Issuer;
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", Token)).StatusCode);
        Assert.Empty(_server.Requests);
        Assert.Contains(api.Logs.Entries, e => e.EventId.Id == 5102);
    }

    private static void AssertNoTokenLogged(ProtectedApi api)
    {
        Assert.NotEmpty(api.Logs.Entries);
        Assert.DoesNotContain(api.Logs.Entries, e => e.Text.Contains(Token, StringComparison.Ordinal) || e.Text.Contains(IntrospectionCache.Key(Token), StringComparison.Ordinal));
    }
}
