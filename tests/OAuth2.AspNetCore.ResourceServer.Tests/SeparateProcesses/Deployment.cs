using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OAuth2.AspNetCore.ResourceServer.Tests.SeparateProcesses;

/// <summary>
/// The sample authorization server and sample APIs, each its own process, on free loopback ports: what a deployment
/// with an API apart from the server looks like. <see cref="Api"/> trusts the server; <see cref="OtherAudienceApi"/>
/// requires an audience the server's tokens do not carry.
/// </summary>
public abstract class Deployment : IAsyncLifetime
{
    public const string AuthorizationServerReady = ".well-known/oauth-authorization-server";
    public const string ApiReady = ".well-known/oauth-protected-resource";

    private readonly List<SampleProcess> _processes = [];

    internal SampleProcess Server { get; private set; } = null!;

    internal SampleProcess Api { get; private set; } = null!;

    internal SampleProcess OtherAudienceApi { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected abstract string[] ServerArguments(string serverUrl);

    protected abstract string[] ApiArguments(string serverUrl);

    protected abstract string[] OtherAudienceArguments { get; }

    public async ValueTask InitializeAsync()
    {
        var serverPort = SampleProcess.FreePort();
        var serverUrl = $"http://127.0.0.1:{serverPort}";
        Server = await Start("OAuth2.Sample.Server", serverPort, AuthorizationServerReady,
            ["--Logging:LogLevel:Default=Warning", "--OAuth2:SecretHashIterations=1000", .. ServerArguments(serverUrl)]);
        string[] api = ["--Logging:LogLevel:Default=Warning", "--Api:Authority=" + serverUrl, .. ApiArguments(serverUrl)];
        var apis = new[]
        {
            Start("OAuth2.Sample.Api", SampleProcess.FreePort(), ApiReady, api),
            Start("OAuth2.Sample.Api", SampleProcess.FreePort(), ApiReady, [.. api, .. OtherAudienceArguments]),
        };
        await Task.WhenAll(apis);
        Api = apis[0].Result;
        OtherAudienceApi = apis[1].Result;
    }

    private async Task<SampleProcess> Start(string project, int port, string ready, string[] args)
    {
        var process = await SampleProcess.StartAsync(project, port, ready, args);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>A client_credentials token for the demo client with the given scope.</summary>
    public async Task<string> GetTokenAsync(string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseAddress, "token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        request.Headers.Authorization = DemoClient();
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task RevokeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseAddress, "revoke"))
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Authorization = DemoClient();
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode);
    }

    internal Task<HttpResponseMessage> CallAsync(SampleProcess api, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static AuthenticationHeaderValue DemoClient()
        => new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("demo-client:demo-secret")));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}

/// <summary>Opaque tokens; the APIs introspect them as <c>demo-resource</c> and keep answers for two seconds.</summary>
public sealed class IntrospectionDeployment : Deployment
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    protected override string[] ServerArguments(string serverUrl) => [];

    protected override string[] ApiArguments(string serverUrl) => ["--Api:Mode=introspection", "--Api:Introspection:CacheDuration=" + CacheDuration];

    protected override string[] OtherAudienceArguments => ["--Api:Introspection:Audience=urn:another-api"];
}

/// <summary>JWT access tokens (RFC 9068) whose iss is the server's issuer URL; the APIs use JwtBearer.</summary>
public sealed class JwtDeployment : Deployment
{
    protected override string[] ServerArguments(string serverUrl) => ["--OAuth2:Jwt:Enabled=true", "--OAuth2:Jwt:Issuer=" + serverUrl];

    protected override string[] ApiArguments(string serverUrl) => ["--Api:Mode=jwt"];

    protected override string[] OtherAudienceArguments => ["--Api:Jwt:Audience=urn:another-api"];
}
