using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.BadInput;

/// <summary>
/// Hostile and broken requests over real HTTP. Each must end as an OAuth <c>invalid_request</c> JSON error — 400, or
/// 413 for a body over the 64 KiB limit — and never as a 500.
/// </summary>
public sealed class MalformedRequestTests(SampleServerFixture server)
{
    public static TheoryData<string, byte[], string?> TokenBodies => new()
    {
        { "invalid percent-escape", Ascii("grant_type=client_credentials&scope=%zz"), Form },
        { "truncated percent-escape", Ascii("grant_type=client_credentials&scope=%4"), Form },
        { "escaped invalid UTF-8", Ascii("grant_type=client_credentials&scope=%FF%FE"), Form },
        { "escaped overlong UTF-8", Ascii("grant_type=client_credentials&scope=%C0%AF"), Form },
        { "raw invalid UTF-8 bytes", [.. Ascii("grant_type=client_credentials&scope="), 0xC3, 0x28, 0xFF], Form },
        { "escaped NUL", Ascii("grant_type=client_credentials&scope=a%00b"), Form },
        { "JSON content type", Ascii("{\"grant_type\":\"client_credentials\"}"), "application/json" },
        { "multipart content type", Ascii("--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--b--\r\n"), "multipart/form-data; boundary=b" },
        { "text/plain content type", Ascii("grant_type=client_credentials"), "text/plain" },
        { "no content type", Ascii("grant_type=client_credentials"), null },
        { "duplicated grant_type", Ascii("grant_type=client_credentials&grant_type=password"), Form },
        { "duplicated scope", Ascii("grant_type=client_credentials&scope=read&scope=write"), Form },
        { "very long code", Ascii("grant_type=authorization_code&redirect_uri=x&code=" + new string('a', 50_000)), Form },
        { "very long parameter name", Ascii(new string('n', 10_000) + "=1&grant_type=client_credentials"), Form },
        { "empty body", [], Form },
    };

    private const string Form = "application/x-www-form-urlencoded";

    [Theory]
    [MemberData(nameof(TokenBodies))]
    public async Task TokenEndpoint_MalformedBody_Is400InvalidRequest(string description, byte[] body, string? contentType)
    {
        using var client = server.CreateClient();
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = content };
        request.Headers.Authorization = OAuthHttp.Basic(SampleServerFixture.ConfidentialClientId, SampleServerFixture.ConfidentialClientSecret);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.BadRequest, description);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task TokenEndpoint_OtherMethods_Are400InvalidRequest(string method)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), "token?grant_type=client_credentials");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.BadRequest, method);
    }

    [Theory]
    [InlineData("par", "GET")]
    [InlineData("par", "PUT")]
    [InlineData("revoke", "GET")]
    [InlineData("introspect", "GET")]
    [InlineData("device_authorization", "GET")]
    public async Task EveryPostOnlyEndpoint_AnswersAWrongMethodAsTheTokenEndpointDoes(string path, string method)
    {
        // One answer for a wrong method at every back-channel endpoint: the core's 400 invalid_request (node's
        // "method must be POST"), not a 405 at one endpoint and a 400 at the next.
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.BadRequest, $"{method} /{path}");
    }

    [Theory]
    [InlineData("POST", "/token?x=%zz")]
    [InlineData("POST", "/token?x=%C3%28")]
    [InlineData("GET", "/authorize?client_id=demo-public&state=%zz")]
    [InlineData("GET", "/authorize?client_id=%E2%82")]
    public async Task MalformedQueryString_Is400InvalidRequest(string method, string target)
    {
        var (status, head, body) = await RawHttp.SendAsync(server.BaseAddress, method, target, method == "POST" ? "grant_type=client_credentials" : null);

        Assert.True(status == 400, $"{target}: got {status} {body}");
        Assert.Contains("application/json", head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("invalid_request", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenEndpoint_OneMebibyteBody_Is413InvalidRequest()
    {
        using var client = server.CreateClient();
        var body = Ascii("grant_type=client_credentials&scope=" + new string('a', 1024 * 1024));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Form);
        using var response = await client.PostAsync("token", content, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.RequestEntityTooLarge, "1 MiB with Content-Length");
    }

    [Fact]
    public async Task TokenEndpoint_OneMebibyteChunkedBody_Is413InvalidRequest()
    {
        using var client = server.CreateClient();
        var body = Ascii("grant_type=client_credentials&scope=" + new string('a', 1024 * 1024));
        using var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Form);
        using var request = new HttpRequestMessage(HttpMethod.Post, "token") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.RequestEntityTooLarge, "1 MiB chunked");
    }

    [Theory]
    [InlineData("client_id=demo-public&state=%zz")]
    [InlineData("client_id=%FF%FF")]
    public async Task AuthorizePost_MalformedBody_Is400NotA500(string body)
    {
        using var client = server.CreateClient();
        using var content = new ByteArrayContent(Ascii(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Form);
        using var response = await client.PostAsync("authorize", content, TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.BadRequest, body);
    }

    [Fact]
    public async Task AuthorizeGet_MalformedQuery_Is400NotA500()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("authorize?client_id=demo-public&state=%C0%AF", TestContext.Current.CancellationToken);

        await AssertInvalidRequestAsync(response, HttpStatusCode.BadRequest, "query");
    }

    [Fact]
    public async Task AuthorizeGet_DuplicatedParameter_IsRefusedNotA500()
    {
        using var client = server.CreateClient();
        var query = SignInForm.AuthorizeQuery(SampleServerFixture.PublicClientId, server.CallbackUri, "read", "s", PkcePair.Create()) + "&scope=admin";
        using var response = await client.GetAsync("authorize?" + query, TestContext.Current.CancellationToken);

        // The client and redirect URI are valid, so the error goes back to the client.
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("invalid_request", OAuthHttp.ParseQuery(response.Headers.Location!)["error"]);
    }

    private static async Task AssertInvalidRequestAsync(HttpResponseMessage response, HttpStatusCode expected, string because)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{because}: got {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
    }

    private static byte[] Ascii(string value) => Encoding.ASCII.GetBytes(value);

    /// <summary>Hides the length so HttpClient must send the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
