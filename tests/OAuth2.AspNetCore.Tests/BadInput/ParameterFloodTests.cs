using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.BadInput;

/// <summary>
/// Bodies and queries with far more parameters than any protocol request carries: one name repeated to fill 64 KB,
/// more fields than ASP.NET's form reader accepts (1,024), every byte percent-escaped. Every endpoint that reads a form
/// answers them with a 4xx — <c>invalid_request</c> JSON, or a 400 page from the sample's HTML pages — and never 500.
/// </summary>
public sealed class ParameterFloodTests(SampleServerFixture server)
{
    /// <summary>Just under the 64 KiB body limit: <c>a&amp;a&amp;…</c>, 32,700 times.</summary>
    internal static readonly string OneNameRepeated = string.Join('&', Enumerable.Repeat("a", 32_700));

    /// <summary>More fields than ASP.NET's form reader allows (FormOptions.ValueCountLimit, 1,024).</summary>
    internal static readonly string OverAThousandFields = string.Join('&', Enumerable.Range(0, 1_100).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture) + "=v"));

    /// <summary>Every byte escaped, one name repeated: <c>%61=%62</c> (a=b), 8,000 times.</summary>
    internal static readonly string EveryByteEscaped = string.Join('&', Enumerable.Repeat("%61=%62", 8_000));

    public static TheoryData<string, string> EndpointsAndBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[] { "token", "revoke", "introspect", "device_authorization", "authorize" })
        {
            data.Add(endpoint, nameof(OneNameRepeated));
            data.Add(endpoint, nameof(OverAThousandFields));
            data.Add(endpoint, nameof(EveryByteEscaped));
        }

        return data;
    }

    internal static string Body(string name) => name switch
    {
        nameof(OneNameRepeated) => OneNameRepeated,
        nameof(OverAThousandFields) => OverAThousandFields,
        nameof(EveryByteEscaped) => EveryByteEscaped,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(EndpointsAndBodies))]
    public async Task A_flooded_form_is_400_invalid_request(string endpoint, string body)
    {
        using var client = server.CreateClient();
        using var response = await PostAsync(client, endpoint, Body(body), withClientCredentials: endpoint is "token" or "revoke" or "introspect");

        await AssertInvalidRequestJsonAsync(response, $"{endpoint}, {body}");
    }

    [Theory]
    [InlineData(nameof(OneNameRepeated))]
    [InlineData(nameof(OverAThousandFields))]
    public async Task A_flooded_device_verification_form_is_a_400_page(string body)
    {
        using var client = server.CreateClient();
        using var response = await PostAsync(client, "device", Body(body), withClientCredentials: false);

        await AssertRefusedAsync(response, body);
    }

    [Fact]
    public async Task A_flooded_sign_in_form_from_a_browser_is_a_400_page()
    {
        using var client = server.CreateClient();
        using var content = FormContent(OverAThousandFields);
        using var request = new HttpRequestMessage(HttpMethod.Post, "authorize") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertRefusedAsync(response, "authorize as a browser");
    }

    [Theory]
    [InlineData("authorize")]
    [InlineData("device")]
    public async Task A_page_form_past_aspnets_own_form_limits_is_refused_not_a_500(string page)
    {
        // One field whose name is longer than ASP.NET's form reader allows (2,048 characters): within every limit of
        // the strict reader, so it reaches the page's antiforgery check, which reads the form again.
        using var client = server.CreateClient();
        using var response = await PostAsync(client, page, new string('n', 3_000) + "=1", withClientCredentials: false);

        await AssertRefusedAsync(response, page);
    }

    [Theory]
    [InlineData("POST", "/token")]
    [InlineData("GET", "/authorize")]
    [InlineData("POST", "/revoke")]
    public async Task A_flooded_query_is_400_invalid_request(string method, string path)
    {
        // Kestrel caps the request line at 8 KiB: 2,000 repeats stay under it and far over the parameter cap.
        var target = path + "?" + string.Join('&', Enumerable.Repeat("a", 2_000));
        var (status, head, body) = await RawHttp.SendAsync(server.BaseAddress, method, target, method == "POST" ? "grant_type=client_credentials" : null);

        Assert.True(status == 400, $"{target[..20]}…: got {status} {body}");
        Assert.Contains("application/json", head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("invalid_request", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    internal static StringContent FormContent(string body)
    {
        var content = new StringContent(body, Encoding.ASCII);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        return content;
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string endpoint, string body, bool withClientCredentials)
    {
        using var content = FormContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        if (withClientCredentials)
        {
            request.Headers.Authorization = OAuthHttp.Basic(SampleServerFixture.ConfidentialClientId, SampleServerFixture.ConfidentialClientSecret);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    internal static async Task AssertInvalidRequestJsonAsync(HttpResponseMessage response, string because)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode} {Start(text)}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
    }

    /// <summary>A 400: <c>invalid_request</c> JSON, or (from the sample's HTML pages) a page with its error element.</summary>
    internal static async Task AssertRefusedAsync(HttpResponseMessage response, string because)
    {
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            await AssertInvalidRequestJsonAsync(response, because);
            return;
        }

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode} {Start(text)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"error\"", text, StringComparison.Ordinal);
    }

    private static string Start(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

/// <summary>
/// The same floods on a host that raised the parameter cap above ASP.NET's own form limit (1,024 values), so a form of
/// 1,100 fields passes the strict reader and reaches the sample's antiforgery check, whose form reader refuses it.
/// </summary>
public sealed class RaisedParameterCapTests(RaisedParameterCapTests.Sample sample) : IClassFixture<RaisedParameterCapTests.Sample>
{
    public const int Cap = 5_000;

    [Theory]
    [InlineData("authorize", nameof(ParameterFloodTests.OverAThousandFields))]
    [InlineData("device", nameof(ParameterFloodTests.OverAThousandFields))]
    [InlineData("authorize", nameof(ParameterFloodTests.OneNameRepeated))]
    [InlineData("device", nameof(ParameterFloodTests.OneNameRepeated))]
    public async Task A_flooded_page_form_is_refused_not_a_500(string page, string body)
    {
        using var client = sample.CreateClient();
        using var response = await ParameterFloodTests.PostAsync(client, page, ParameterFloodTests.Body(body), withClientCredentials: false);

        await ParameterFloodTests.AssertRefusedAsync(response, $"{page}, {body}, cap {Cap}");
    }

    [Fact]
    public async Task A_form_under_the_raised_cap_reaches_the_core()
    {
        using var client = sample.CreateClient();
        using var response = await ParameterFloodTests.PostAsync(client, "token", ParameterFloodTests.OverAThousandFields, withClientCredentials: true);

        // Accepted by the reader (1,100 is under the cap); the core then finds no grant_type.
        await ParameterFloodTests.AssertInvalidRequestJsonAsync(response, "token");
        var description = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error_description").GetString();
        Assert.Contains("grant_type", description, StringComparison.Ordinal);
    }

    /// <summary>The sample with <c>OAuth2:Http:MaxParameters</c> raised to <see cref="Cap"/>.</summary>
    public sealed class Sample : IAsyncLifetime
    {
        private RunningSample? _running;

        public HttpClient CreateClient()
            => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = _running!.BaseAddress };

        public async ValueTask InitializeAsync()
            => _running = await RunningSample.StartAsync(
                ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:Http:MaxParameters=" + Cap.ToString(CultureInfo.InvariantCulture)],
                TestContext.Current.CancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (_running is not null)
            {
                await _running.DisposeAsync();
            }
        }
    }
}
