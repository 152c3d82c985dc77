using System.Net.Http.Headers;
using System.Text;
using OAuth2.AspNetCore.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.Security;

/// <summary>
/// An unknown client id and a wrong secret for a real one must give the same bytes (status, headers, body) at every
/// endpoint that authenticates clients, with either method, or the answer tells an attacker which ids exist.
/// (That both cost the same is shown in the core's UnknownClientCostTests by counting, not timing.) The class runs
/// its own sample with failed-authentication throttling off: these cases fail on purpose, and on the shared sample
/// the throttle would soon answer 429 to both, which would compare nothing.
/// </summary>
public sealed class UnknownClientResponseTests : IAsyncLifetime
{
    private RunningSample? _server;

    public async ValueTask InitializeAsync()
        => _server = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:FailedAuthentication:Enabled=false"],
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (path, body) in new[] { ("token", "grant_type=client_credentials&scope=read"), ("revoke", "token=abc"), ("introspect", "token=abc"), ("device_authorization", "scope=read") })
        {
            data.Add(path, body, true);
            data.Add(path, body, false);
        }

        return data;
    }

    private async Task<string> SendAsync(string path, string body, bool basic, string clientId, string? secret)
    {
        using var client = new HttpClient { BaseAddress = _server!.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (basic)
        {
            request.Headers.Authorization = OAuthHttp.Basic(clientId, secret!);
        }
        else
        {
            body += $"&client_id={Uri.EscapeDataString(clientId)}" + (secret is null ? string.Empty : $"&client_secret={Uri.EscapeDataString(secret)}");
        }

        request.Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = new StringBuilder().Append((int)response.StatusCode).Append('\n');
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").AppendJoin(", ", values).Append('\n');
        }

        text.Append('\n').Append(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Unknown_client_and_wrong_secret_answer_byte_for_byte_alike(string path, string body, bool basic)
    {
        var wrongSecret = await SendAsync(path, body, basic, ConfidentialClientId, "not-the-secret");
        var unknown = await SendAsync(path, body, basic, "no-such-client", "not-the-secret");

        Assert.StartsWith("401\n", wrongSecret, StringComparison.Ordinal);
        Assert.Contains("invalid_client", wrongSecret, StringComparison.Ordinal);
        Assert.Equal(wrongSecret, unknown);
    }

    public static TheoryData<string, string> Endpoints()
        => new() { { "token", "grant_type=client_credentials&scope=read" }, { "revoke", "token=abc" }, { "introspect", "token=abc" }, { "device_authorization", "scope=read" } };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_confidential_client_id_without_a_secret_answers_like_an_unknown_one(string path, string body)
    {
        // Otherwise a request with no secret at all (and no hashing) tells which confidential client ids exist.
        var known = await SendAsync(path, body, basic: false, ConfidentialClientId, secret: null);
        var unknown = await SendAsync(path, body, basic: false, "no-such-client", secret: null);

        Assert.StartsWith("401\n", known, StringComparison.Ordinal);
        Assert.Equal(known, unknown);
    }
}
