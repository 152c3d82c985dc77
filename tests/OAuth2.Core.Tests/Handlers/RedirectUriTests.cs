using NSubstitute;
using OAuth2.Core.Tests.Support;
using OAuth2.Http;

namespace OAuth2.Core.Tests.Handlers;

/// <summary>
/// RFC 6749 section 3.1.2.3 / RFC 9700 section 2.1: exact string matching, with only the port of an http loopback
/// IP literal allowed to vary (RFC 8252 section 7.3). Every mismatch is shown, never redirected.
/// </summary>
public sealed class RedirectUriTests
{
    private const string Pkce = AuthorizeHandlerTests.Pkce;

    private readonly Harness _h = new();

    private static OAuth2Request Request(string clientId, string redirectUri)
        => new()
        {
            Method = "GET",
            Query = ParameterCollection.From(
            new KeyValuePair<string, string>[]
            {
                new("response_type", "code"),
                new("client_id", clientId),
                new("state", "xyz"),
                new("redirect_uri", redirectUri),
                new("code_challenge", AuthorizeHandlerTests.Challenge),
                new("code_challenge_method", "S256"),
            }),
        };

    [Theory]
    [InlineData("https://client.example.com/cb/")]
    [InlineData("https://client.example.com/CB")]
    [InlineData("https://CLIENT.example.com/cb")]
    [InlineData("HTTPS://client.example.com/cb")]
    [InlineData("https://client.example.com/cb?x=1")]
    [InlineData("https://client.example.com/cb?")]
    [InlineData("https://client.example.com/cb#")]
    [InlineData("https://client.example.com/cb#x")]
    [InlineData("https://client.example.com/cb/../cb")]
    [InlineData("https://client.example.com/./cb")]
    [InlineData("https://client.example.com:443/cb")]
    [InlineData("https://client.example.com:8443/cb")]
    [InlineData("https://client.example.com.evil.com/cb")]
    [InlineData("https://client.example.com@evil.com/cb")]
    [InlineData("https://evil.com@client.example.com/cb")]
    [InlineData("https://user:pass@client.example.com/cb")]
    [InlineData("https://client.example.com/cb%2F")]
    [InlineData("https://client.example.com/%63b")]
    [InlineData("https://client.example.com/c")]
    [InlineData("https://client.example.com/cb2")]
    [InlineData("http://client.example.com/cb")]
    [InlineData("https://evil.example/cb")]
    [InlineData("https://client.example.com/cb ")]
    [InlineData(" https://client.example.com/cb")]
    [InlineData("https://client.example.com/cb\r\nSet-Cookie: x=1")]
    [InlineData("https://client.example.com/cb\u0000")]
    [InlineData("https://client.example.com\\@evil.com/cb")]
    [InlineData("//client.example.com/cb")]
    [InlineData("/cb")]
    [InlineData("cb")]
    [InlineData("client.example.com/cb")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("https://client.example.com/cb;x")]
    [InlineData("https://xn--client-example.com/cb")]
    [InlineData("https://client.example.com/cb\u00e9")]
    public async Task Anything_but_the_registered_string_is_refused_without_redirect(string redirectUri)
    {
        var result = await _h.AuthorizeAsync(Request("c1", redirectUri));
        Assert.False(result.Succeeded);
        Assert.Null(result.Response.RedirectLocation);
        Assert.False(result.Response.Headers.ContainsKey("Location"));
        Assert.Equal(400, result.Response.StatusCode);
        Assert.Contains(result.Response.Body!["error"], new[] { "invalid_request", "invalid_client" });
        await _h.Model.DidNotReceiveWithAnyArgs().SaveAuthorizationCodeAsync(default!, default!, default);
    }

    [Fact]
    public async Task The_registered_string_itself_is_accepted()
    {
        var result = await _h.AuthorizeAsync(Request("c1", TestClients.RedirectUri));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("v4", "http://127.0.0.1/cb")]
    [InlineData("v4", "http://127.0.0.1:51004/cb")]
    [InlineData("v4", "http://127.0.0.1:1/cb")]
    [InlineData("v4", "http://127.0.0.1:65535/cb")]
    [InlineData("v6", "http://[::1]/cb")]
    [InlineData("v6", "http://[::1]:8080/cb")]
    [InlineData("v6", "http://[::1]:51004/cb")]
    public async Task Loopback_ip_literals_may_vary_the_port(string client, string redirectUri)
    {
        var result = await _h.AuthorizeAsync(Request(client, redirectUri));
        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.StartsWith(redirectUri + "?code=", result.Response.RedirectLocation, StringComparison.Ordinal);
        Assert.Equal(redirectUri, result.Value.Data.RedirectUri);
    }

    [Theory]
    [InlineData("v4", "http://127.0.0.1:51004/cb2")]
    [InlineData("v4", "http://127.0.0.1:51004/cb?x=1")]
    [InlineData("v4", "http://127.0.0.1:51004/CB")]
    [InlineData("v4", "https://127.0.0.1:51004/cb")]
    [InlineData("v4", "http://127.0.0.1.evil.com/cb")]
    [InlineData("v4", "http://127.0.0.1:80@evil.com/cb")]
    [InlineData("v4", "http://127.0.0.1@evil.com/cb")]
    [InlineData("v4", "http://127.0.0.2:51004/cb")]
    [InlineData("v4", "http://localhost:51004/cb")]
    [InlineData("v4", "http://127.0.0.1:/cb")]
    [InlineData("v4", "http://127.0.0.1:x/cb")]
    [InlineData("v6", "http://[::1]:8080/cb2")]
    [InlineData("v6", "http://[::2]:8080/cb")]
    [InlineData("v6", "http://[0:0:0:0:0:0:0:1]:8080/cb")]
    [InlineData("v6", "http://127.0.0.1:8080/cb")]
    [InlineData("localhost", "http://localhost:8080/cb")]
    [InlineData("c1", "https://client.example.com:8443/cb")]
    public async Task Port_variance_is_only_for_loopback_ip_literals_and_nothing_else_may_differ(string client, string redirectUri)
    {
        var result = await _h.AuthorizeAsync(Request(client, redirectUri));
        Assert.False(result.Succeeded);
        Assert.Null(result.Response.RedirectLocation);
        Assert.Equal(400, result.Response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081/cb")]
    [InlineData("http://127.0.0.1/cb")]
    [InlineData("http://127.0.0.1:51004/cb")]
    [InlineData("http://[::1]:8080/cb")]
    public async Task Confidential_clients_get_no_loopback_port_variance(string redirectUri)
    {
        // RFC 8252 section 7.3 and RFC 9700 section 2.1 grant the port exception to native (public) clients only.
        var result = await _h.AuthorizeAsync(Request("v4c", redirectUri));
        Assert.False(result.Succeeded);
        Assert.Null(result.Response.RedirectLocation);
        Assert.Equal(400, result.Response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/cb")]
    [InlineData("http://[::1]/cb")]
    public async Task Confidential_clients_on_loopback_match_exactly(string redirectUri)
    {
        var result = await _h.AuthorizeAsync(Request("v4c", redirectUri));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Fact]
    public async Task Localhost_registered_exactly_is_accepted()
    {
        var result = await _h.AuthorizeAsync(Request("localhost", "http://localhost/cb"));
        Assert.True(result.Succeeded, result.Error?.Description);
    }

    [Theory]
    [InlineData("http://127.0.0.1:51004/cb", new[] { "http://127.0.0.1/cb" }, true)]
    [InlineData("http://127.0.0.1/cb", new[] { "http://127.0.0.1:8080/cb" }, true)]
    [InlineData("http://127.0.0.1:1/cb?a=b", new[] { "http://127.0.0.1/cb?a=b" }, true)]
    [InlineData("http://127.0.0.1:1", new[] { "http://127.0.0.1" }, true)]
    [InlineData("http://127.0.0.1:1/cb", new[] { "https://client.example.com/cb", "http://127.0.0.1/cb" }, true)]
    [InlineData("https://a.example/cb", new string[0], false)]
    [InlineData("http://127.0.0.1:1/cb", new string[0], false)]
    [InlineData("http://127.0.0.10:1/cb", new[] { "http://127.0.0.1/cb" }, false)]
    public void Matcher_cases(string requested, string[] registered, bool expected)
    {
        Assert.Equal(expected, OAuth2.Handlers.RedirectUriMatcher.Matches(requested, registered, loopbackPortMayVary: true));
        // Without the native-client exception only the registered string itself matches.
        Assert.Equal(registered.Contains(requested), OAuth2.Handlers.RedirectUriMatcher.Matches(requested, registered, loopbackPortMayVary: false));
    }

    [Theory]
    [InlineData("https://a.example/cb", true)]
    [InlineData("com.example.app:/cb", true)]
    [InlineData("urn:ietf:wg:oauth:2.0:oob", true)]
    [InlineData("/cb", false)]
    [InlineData("//a.example/cb", false)]
    [InlineData("a:/cb", false)]
    [InlineData("https://a.example/cb#f", false)]
    [InlineData("https://a.example/cb\n", false)]
    [InlineData("", false)]
    [InlineData("1http://a.example/", false)]
    public void Format_cases(string uri, bool expected)
        => Assert.Equal(expected, OAuth2.Handlers.RedirectUriMatcher.IsValidFormat(uri));
}
