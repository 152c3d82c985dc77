using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OAuth2.AspNetCore.Tests.Support;
using OAuth2.Tests.Support;
using static OAuth2.AspNetCore.Tests.Support.SampleServerFixture;

namespace OAuth2.AspNetCore.Tests.EndToEnd;

/// <summary>
/// RFC 8707 resource indicators and an RFC 8414 document that tells the truth, over HTTP against the sample (whose
/// demo clients are registered for two resources) and against minimal hosts configured otherwise.
/// </summary>
public sealed class ResourceIndicatorHttpTests(SampleServerFixture server)
{
    private const string Api = "https://api.example.com/";
    private const string LocalApi = "http://127.0.0.1:5000/api";

    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue ClientAuth = OAuthHttp.Basic(ConfidentialClientId, ConfidentialClientSecret);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> IntrospectAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "introspect") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Authorization = OAuthHttp.Basic("demo-resource", "demo-resource-secret");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OAuthHttp.ReadJsonAsync(response);
    }

    [Fact]
    public async Task Rfc8707_client_credentials_with_a_resource_gets_a_token_whose_introspected_aud_is_that_resource()
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("resource", Api)], ClientAuth);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var introspected = await IntrospectAsync(client, json.GetProperty("access_token").GetString()!);

        Assert.True(introspected.GetProperty("active").GetBoolean());
        Assert.Equal(Api, introspected.GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Rfc8707_two_resources_give_an_aud_array()
    {
        using var client = server.CreateClient();
        var (_, json) = await OAuthHttp.PostTokenAsync(
            client, [new("grant_type", "client_credentials"), new("resource", Api), new("resource", LocalApi)], ClientAuth);

        var introspected = await IntrospectAsync(client, json.GetProperty("access_token").GetString()!);

        Assert.Equal([Api, LocalApi], introspected.GetProperty("aud").EnumerateArray().Select(a => a.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("https://elsewhere.example.com/")] // not registered
    [InlineData("https://api.example.com/#fragment")] // a fragment
    [InlineData("not-a-uri")]
    public async Task Rfc8707_s2_an_unacceptable_resource_is_400_invalid_target(string resource)
    {
        using var client = server.CreateClient();
        var (response, json) = await OAuthHttp.PostTokenAsync(client, [new("grant_type", "client_credentials"), new("resource", resource)], ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_target", json.GetProperty("error").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Rfc8707_s2_a_flood_of_resource_values_is_refused_not_processed()
    {
        using var client = server.CreateClient();
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        form.AddRange(Enumerable.Range(0, 11).Select(i => new KeyValuePair<string, string>("resource", $"https://r{i}.example.com/")));

        var (response, json) = await OAuthHttp.PostTokenAsync(client, form, ClientAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_target", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Rfc8414_metadata_lists_what_the_sample_maps_and_nothing_invented()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(".well-known/oauth-authorization-server", Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var grants = json.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToArray();
        Assert.Contains("authorization_code", grants); // the sample maps /authorize
        Assert.Contains(GrantTypes.DeviceCode, grants); // and /device_authorization with the device grant on
        Assert.True(json.TryGetProperty("device_authorization_endpoint", out _));
        Assert.Equal(["read", "write", "admin"], json.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.DoesNotContain(json.EnumerateObject(), p => p.Name.Contains("resource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rfc8707_bearer_refuses_a_token_for_another_resource_when_the_host_names_its_audience()
    {
        await using var sample = await RunningSample.StartAsync(
            ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--OAuth2:ResourceServerAudience=" + Api], Ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };

        async Task<HttpStatusCode> MeAsync(params string[] resources)
        {
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials"), new("scope", "read") };
            form.AddRange(resources.Select(r => new KeyValuePair<string, string>("resource", r)));
            var (_, json) = await OAuthHttp.PostTokenAsync(client, form, ClientAuth);
            using var me = await OAuthHttp.GetWithTokenAsync(client, "api/me", json.GetProperty("access_token").GetString());
            return me.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await MeAsync(Api));
        Assert.Equal(HttpStatusCode.OK, await MeAsync()); // no resource named: the host's own audience by default
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(LocalApi));
    }

    [Fact]
    public async Task Rfc8414_a_host_without_an_authorization_page_advertises_neither_the_endpoint_nor_the_code_grant()
    {
        await using var host = await MinimalHost.StartAsync(issuer: "https://as.example.com", Ct);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync(".well-known/oauth-authorization-server", Ct);
        var json = await OAuthHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://as.example.com", json.GetProperty("issuer").GetString());
        Assert.False(json.TryGetProperty("authorization_endpoint", out _));
        var grants = json.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToArray();
        Assert.DoesNotContain("authorization_code", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Equal(["read", "write"], json.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()!).ToArray());
    }

    [Fact]
    public async Task Rfc8414_s2_a_host_without_an_issuer_stops_at_start_up_instead_of_answering_500()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await MinimalHost.StartAsync(issuer: null, Ct, logs);
        var lifetime = host.App.Services.GetRequiredService<IHostApplicationLifetime>();

        var stopping = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains(logs.Entries, e => e.EventId == 4300 && e.Level == LogLevel.Critical);
    }

    /// <summary>A host with the token endpoints and no authorization page, on a free loopback port.</summary>
    private sealed class MinimalHost : IAsyncDisposable
    {
        private MinimalHost(WebApplication app, Uri baseAddress)
        {
            App = app;
            BaseAddress = baseAddress;
        }

        public WebApplication App { get; }

        public Uri BaseAddress { get; }

        public static async Task<MinimalHost> StartAsync(string? issuer, CancellationToken cancellationToken, ILoggerProvider? logs = null)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls=http://127.0.0.1:0"] });
            builder.Logging.ClearProviders();
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            builder.Services.AddOAuth2Server(o =>
            {
                o.Issuer = issuer;
                o.ScopesSupported = ["read", "write"];
                o.GrantTypes.Remove(GrantTypes.Password); // no user policy in this host
            }).AddInMemoryStorage();
            var app = builder.Build();
            app.MapOAuth2Endpoints();
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new MinimalHost(app, new Uri(address.TrimEnd('/') + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
