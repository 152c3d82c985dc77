using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// RFC 6750 sections 2 and 3, clause by clause, at the sample's protected resource (<c>/api/me</c>, <c>/api/admin</c>)
/// as shipped: the header method only (the query method is off, the body method is not read by the scheme).
/// </summary>
public sealed partial class Rfc6750BearerTests(SampleServerFixture server)
{
    private const string Realm = "OAuth2 Sample";

    private async Task<string> TokenAsync(HttpClient client, string scope = "read")
    {
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials"), new("scope", scope)], OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return json.GetProperty("access_token").GetString()!;
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("bEaReR")]
    public async Task Section_2_1_the_scheme_name_is_case_insensitive(string scheme)
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client);
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", [$"Authorization: {scheme} {token}"]);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Section_2_1_the_token_itself_is_case_sensitive()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client);
        var swapped = new string(token.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", ["Authorization: Bearer " + swapped]);

        Assert.Equal(401, response.Status);
        Assert.Equal("invalid_token", Challenge.Parse(response.Header("WWW-Authenticate")!)["error"]);
    }

    [Theory]
    [InlineData("  ")]
    [InlineData("   ")]
    public async Task Section_2_1_one_or_more_spaces_separate_scheme_and_token(string spaces)
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client);
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", ["Authorization: Bearer" + spaces + token]);

        Assert.Equal(200, response.Status);
    }

    /// <summary>b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", after "Bearer" 1*SP.</summary>
    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer\tabcdef")]
    [InlineData("Bearer abc def")]
    [InlineData("Bearer abc!def")]
    [InlineData("Bearer ab=cdef")]
    [InlineData("Bearer =abcdef")]
    [InlineData("Bearer abc\"def")]
    [InlineData("Bearer abc\\def")]
    [InlineData("Bearer abc,def")]
    [InlineData("Bearer abc;def")]
    public async Task Section_2_1_a_credential_outside_the_b64token_syntax_is_invalid_request(string authorization)
    {
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", ["Authorization: " + authorization]);

        Assert.Equal(400, response.Status);
        var challenge = response.Header("WWW-Authenticate")!;
        Assert.Equal("invalid_request", Challenge.Parse(challenge)["error"]);
        Assert.DoesNotContain("def", challenge, StringComparison.Ordinal);
        Assert.Equal("invalid_request", RawBearer.JsonError(response.Body));
    }

    [Theory]
    [InlineData("aZ09-._~+/")]
    [InlineData("aZ09-._~+/==")]
    public async Task Section_2_1_every_b64token_character_is_accepted_as_syntax(string token)
    {
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", ["Authorization: Bearer " + token]);

        // Well-formed but unknown: a token error (401), not a request error (400).
        Assert.Equal(401, response.Status);
        Assert.Equal("invalid_token", Challenge.Parse(response.Header("WWW-Authenticate")!)["error"]);
    }

    [Fact]
    public async Task Section_3_1_a_repeated_authorization_header_is_invalid_request()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client);
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", ["Authorization: Bearer " + token, "Authorization: Bearer " + token]);

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request", Challenge.Parse(response.Header("WWW-Authenticate")!)["error"]);
    }

    [Fact]
    public async Task Section_2_3_a_token_in_the_query_does_not_authenticate_and_gets_the_bare_challenge()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client);
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me?access_token=" + token, []);

        // The query method is off: the parameter is ignored (OAuth 2.1 section 5.1), so the request carries no
        // authentication the server supports, and section 3.1's last paragraph applies: no error code.
        Assert.Equal(401, response.Status);
        Assert.Equal($"Bearer realm=\"{Realm}\"", response.Header("WWW-Authenticate"));
        Assert.DoesNotContain(token, response.Head + response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_2_3_an_ignored_query_token_beside_the_header_leaves_the_header_in_charge()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client);
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me?access_token=" + token, ["Authorization: Bearer " + token]);

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=")]
    [InlineData("Digest username=\"x\"")]
    [InlineData("Bearerabcdef")]
    public async Task Section_3_1_without_bearer_credentials_the_challenge_has_no_error_code(string? authorization)
    {
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", authorization is null ? [] : ["Authorization: " + authorization]);

        Assert.Equal(401, response.Status);
        Assert.Equal($"Bearer realm=\"{Realm}\"", response.Header("WWW-Authenticate"));
    }

    public static TheoryData<string, string[]> FailingRequests => new()
    {
        { "/api/me", [] },
        { "/api/me", ["Authorization: Bearer unknown-token"] },
        { "/api/me", ["Authorization: Bearer a\"b"] },
        { "/api/me", ["Authorization: Bearer a\\b"] },
        { "/api/me", ["Authorization: Bearer"] },
        { "/api/me", ["Authorization: Bearer " + new string('a', 8_000)] },
        { "/api/admin", [] },
        { "/api/admin", ["Authorization: Bearer unknown-token"] },
    };

    /// <summary>
    /// Section 3: every refusal carries a <c>Bearer</c> challenge with at least one auth-param, each of realm, scope,
    /// error, error_description at most once, error and error_description within %x20-21 / %x23-5B / %x5D-7E.
    /// </summary>
    [Theory]
    [MemberData(nameof(FailingRequests))]
    public async Task Section_3_every_refusal_carries_a_well_formed_challenge(string path, string[] headers)
    {
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", path, headers);

        Assert.True(response.Status is 400 or 401 or 403, $"status {response.Status}");
        var challenges = response.Headers("WWW-Authenticate");
        var challenge = Assert.Single(challenges);
        var attributes = Challenge.Parse(challenge);
        Assert.Equal(Realm, attributes["realm"]);
    }

    [Fact]
    public async Task Section_3_1_invalid_token_is_401_with_the_error_in_challenge_and_body()
    {
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/me", ["Authorization: Bearer not-a-real-token"]);

        Assert.Equal(401, response.Status);
        var attributes = Challenge.Parse(response.Header("WWW-Authenticate")!);
        Assert.Equal("invalid_token", attributes["error"]);
        Assert.True(attributes.ContainsKey("error_description"));
        Assert.Equal("invalid_token", RawBearer.JsonError(response.Body));
    }

    [Fact]
    public async Task Section_3_1_insufficient_scope_is_403_naming_the_scope()
    {
        using var client = server.CreateClient();
        var token = await TokenAsync(client, "read");
        var response = await RawBearer.SendAsync(server.BaseAddress, "GET", "/api/admin", ["Authorization: Bearer " + token]);

        Assert.Equal(403, response.Status);
        var attributes = Challenge.Parse(response.Header("WWW-Authenticate")!);
        Assert.Equal("insufficient_scope", attributes["error"]);
        Assert.Equal("admin", attributes["scope"]);
        Assert.Equal("insufficient_scope", RawBearer.JsonError(response.Body));
    }

    [Fact]
    public async Task Section_4_the_token_response_is_not_stored_by_caches()
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials"), new("scope", "read")], OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
    }
}

/// <summary>RFC 6750 section 2.3 with the query method switched on (<c>AllowBearerTokensInQueryString</c>).</summary>
public sealed class Rfc6750QueryParameterTests(Rfc6750QueryParameterTests.QuerySample sample) : IClassFixture<Rfc6750QueryParameterTests.QuerySample>
{
    /// <summary>The sample with <c>OAuth2:AllowBearerTokensInQueryString=true</c>.</summary>
    public sealed class QuerySample : IAsyncLifetime
    {
        private RunningSample? _sample;

        public Uri BaseAddress => _sample!.BaseAddress;

        public async ValueTask InitializeAsync()
            => _sample = await RunningSample.StartAsync(
                ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:AllowBearerTokensInQueryString=true", "--OAuth2:SecretHashIterations=1000"],
                TestContext.Current.CancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (_sample is not null)
            {
                await _sample.DisposeAsync();
            }
        }
    }

    private async Task<string> TokenAsync()
    {
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        var (response, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials"), new("scope", "read")], OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return json.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Section_2_3_a_query_token_authenticates_and_the_success_is_cache_control_private()
    {
        var token = await TokenAsync();
        var response = await RawBearer.SendAsync(sample.BaseAddress, "GET", "/api/me?access_token=" + token, []);

        Assert.Equal(200, response.Status);
        var cacheControl = response.Header("Cache-Control") ?? string.Empty;
        Assert.Contains("private", cacheControl.Split(',').Select(d => d.Trim()));
    }

    [Fact]
    public async Task Section_2_a_header_token_gets_no_cache_directive_added()
    {
        var token = await TokenAsync();
        var response = await RawBearer.SendAsync(sample.BaseAddress, "GET", "/api/me", ["Authorization: Bearer " + token]);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Cache-Control"));
    }

    [Fact]
    public async Task Section_3_1_more_than_one_method_is_invalid_request()
    {
        var token = await TokenAsync();
        var response = await RawBearer.SendAsync(sample.BaseAddress, "GET", "/api/me?access_token=" + token, ["Authorization: Bearer " + token]);

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request", Challenge.Parse(response.Header("WWW-Authenticate")!)["error"]);
        Assert.Equal("invalid_request", RawBearer.JsonError(response.Body));
    }

    [Fact]
    public async Task Section_3_1_a_repeated_access_token_parameter_is_invalid_request()
    {
        var token = await TokenAsync();
        var response = await RawBearer.SendAsync(sample.BaseAddress, "GET", $"/api/me?access_token={token}&access_token={token}", []);

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request", Challenge.Parse(response.Header("WWW-Authenticate")!)["error"]);
    }
}

/// <summary>
/// RFC 6750 section 2.2 (form-encoded body) and the scheme's own realm, on a minimal host: a resource that accepts
/// POST, with a bearer scheme whose realm differs from the server's. The scheme does not read request bodies (the
/// body method is a MAY), so a token there is never an authentication method.
/// </summary>
public sealed class Rfc6750MinimalHostTests(Rfc6750MinimalHostTests.MinimalHost host) : IClassFixture<Rfc6750MinimalHostTests.MinimalHost>
{
    public const string ReadToken = "rfc6750-read-token";

    /// <summary>Server realm <c>Server Realm</c>; the bearer scheme's own realm <c>Resource API</c>; one token with scope read.</summary>
    public sealed class MinimalHost : IAsyncLifetime
    {
        private WebApplication? _app;

        public Uri BaseAddress { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            var builder = MinimalServerHost.CreateBuilder("Server Realm");
            builder.Services.AddAuthentication().AddOAuth2Bearer(o => o.Realm = "Resource API");
            builder.Services.AddAuthorizationBuilder().AddOAuth2ScopePolicies("read", "admin");
            _app = builder.Build();
            _app.UseAuthentication();
            _app.UseAuthorization();
            _app.MapGet("/resource", () => "ok").RequireAuthorization("read");
            _app.MapPost("/resource", () => "ok").RequireAuthorization("read");
            _app.MapGet("/admin", () => "ok").RequireAuthorization("admin");
            BaseAddress = await MinimalServerHost.StartAsync(_app, ct);
            await MinimalServerHost.StoreTokenAsync(_app, ReadToken, "g1", ["read"], jwkThumbprint: null, ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_stored_token_authenticates_in_the_header()
    {
        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", "/resource", ["Authorization: Bearer " + ReadToken]);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Section_2_2_a_form_body_token_is_not_read()
    {
        var response = await RawBearer.SendAsync(host.BaseAddress, "POST", "/resource", ["Content-Type: application/x-www-form-urlencoded"], "access_token=" + ReadToken);

        Assert.Equal(401, response.Status);
        Assert.Equal("Bearer realm=\"Resource API\"", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Section_2_2_a_body_token_on_GET_is_not_read()
    {
        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", "/resource", ["Content-Type: application/x-www-form-urlencoded"], "access_token=" + ReadToken);

        Assert.Equal(401, response.Status);
        Assert.Equal("Bearer realm=\"Resource API\"", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Section_2_2_a_multipart_body_token_is_not_read()
    {
        const string body = "--b\r\nContent-Disposition: form-data; name=\"access_token\"\r\n\r\n" + ReadToken + "\r\n--b--\r\n";
        var response = await RawBearer.SendAsync(host.BaseAddress, "POST", "/resource", ["Content-Type: multipart/form-data; boundary=b"], body);

        Assert.Equal(401, response.Status);
        Assert.Equal("Bearer realm=\"Resource API\"", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task Section_2_2_a_body_the_scheme_does_not_read_is_not_a_second_method()
    {
        var response = await RawBearer.SendAsync(
            host.BaseAddress, "POST", "/resource", ["Authorization: Bearer " + ReadToken, "Content-Type: application/x-www-form-urlencoded"], "access_token=" + ReadToken);

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("Authorization: Bearer unknown-token", 401, "invalid_token")]
    [InlineData("Authorization: Bearer a b", 400, "invalid_request")]
    public async Task Section_3_the_schemes_realm_is_in_every_challenge(string header, int status, string error)
    {
        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", "/resource", [header]);

        Assert.Equal(status, response.Status);
        var attributes = Challenge.Parse(response.Header("WWW-Authenticate")!);
        Assert.Equal("Resource API", attributes["realm"]);
        Assert.Equal(error, attributes["error"]);
    }

    [Fact]
    public async Task Section_3_1_insufficient_scope_names_the_realm_and_scope()
    {
        var response = await RawBearer.SendAsync(host.BaseAddress, "GET", "/admin", ["Authorization: Bearer " + ReadToken]);

        Assert.Equal(403, response.Status);
        var attributes = Challenge.Parse(response.Header("WWW-Authenticate")!);
        Assert.Equal("Resource API", attributes["realm"]);
        Assert.Equal("insufficient_scope", attributes["error"]);
        Assert.Equal("admin", attributes["scope"]);
    }
}

/// <summary>A strict reader of RFC 6750 section 3 challenges: fails the test on anything outside the grammar.</summary>
internal static partial class Challenge
{
    public static Dictionary<string, string> Parse(string header)
    {
        var match = ChallengeRegex().Match(header);
        Assert.True(match.Success, $"not a well-formed Bearer challenge: {header}");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = match.Groups["name"].Captures;
        var values = match.Groups["value"].Captures;
        for (var i = 0; i < names.Count; i++)
        {
            Assert.True(attributes.TryAdd(names[i].Value, values[i].Value), $"attribute {names[i].Value} repeated: {header}");
        }

        foreach (var name in new[] { "error", "error_description" })
        {
            if (attributes.TryGetValue(name, out var value))
            {
                Assert.True(value.All(c => c is (>= '\x20' and <= '\x21') or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E')), $"{name} outside its charset: {value}");
            }
        }

        if (attributes.TryGetValue("scope", out var scope))
        {
            // scope = scope-token *( SP scope-token ), scope-token = 1*NQCHAR
            Assert.Matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*$", scope);
        }

        return attributes;
    }

    // Bearer 1*SP auth-param *( "," SP auth-param ), every value a quoted-string without quote or backslash.
    [GeneratedRegex("^Bearer (?<name>[a-z_]+)=\"(?<value>[^\"\\\\\\r\\n]*)\"(?:, (?<name>[a-z_]+)=\"(?<value>[^\"\\\\\\r\\n]*)\")*$")]
    private static partial Regex ChallengeRegex();
}

/// <summary>Hand-written HTTP/1.1 requests, so header lines go out exactly as written (tabs, repeats, odd syntax).</summary>
internal static class RawBearer
{
    public sealed record Response(int Status, string Head, string Body)
    {
        public IReadOnlyList<string> Headers(string name) => Head.Split("\r\n").Skip(1)
            .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(name.Length + 1)..].Trim())
            .ToList();

        public string? Header(string name) => Headers(name) switch
        {
            [] => null,
            [var one] => one,
            var many => throw new Xunit.Sdk.XunitException($"header {name} sent {many.Count} times"),
        };
    }

    public static async Task<Response> SendAsync(Uri baseAddress, string method, string target, IEnumerable<string> headers, string? body = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        var stream = tcp.GetStream();
        var bytes = Encoding.ASCII.GetBytes(body ?? string.Empty);
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append($"Content-Length: {bytes.Length}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var responseBody = text[(split + 4)..];
        var responseHead = text[..split];
        if (responseHead.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            responseBody = Dechunk(responseBody);
        }

        return new Response(status, responseHead, responseBody);
    }

    /// <summary>The <c>error</c> member of a JSON error body.</summary>
    public static string? JsonError(string body)
        => body.Length == 0 ? null : System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            result.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }
}
