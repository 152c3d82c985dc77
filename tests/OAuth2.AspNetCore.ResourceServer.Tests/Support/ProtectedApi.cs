using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth2.AspNetCore.ResourceServer.Introspection;
using OAuth2.AspNetCore.ResourceServer.ProtectedResource;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Support;

/// <summary>
/// An API using the introspection scheme, on a real loopback port: <c>/me</c> needs scope <c>read</c> and returns
/// the principal's claims, <c>/admin</c> needs <c>admin</c>, <c>/both</c> needs <c>read</c> and <c>admin</c> in one
/// policy, <c>/stacked</c> both policies. Logs are captured.
/// </summary>
internal sealed class ProtectedApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtectedApi(WebApplication app, HttpClient client, CapturingLoggerProvider logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ProtectedApi> StartAsync(Action<OAuth2IntrospectionOptions> configure, Action<OAuth2ProtectedResourceOptions>? resource = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddAuthentication(OAuth2IntrospectionDefaults.AuthenticationScheme).AddOAuth2Introspection(configure);
        if (resource is not null)
        {
            builder.Services.AddOAuth2ProtectedResource(resource);
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("read", p => p.RequireAccessTokenScope("read"))
            .AddPolicy("admin", p => p.RequireAccessTokenScope("admin"))
            .AddPolicy("both", p => p.RequireAccessTokenScope("read", "admin"));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        if (resource is not null)
        {
            app.MapOAuth2ProtectedResourceMetadata();
        }

        app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(user.Claims.Select(c => new[] { c.Type, c.Value, c.ValueType }))).RequireAuthorization("read");
        app.MapGet("/admin", () => "ok").RequireAuthorization("admin");
        app.MapGet("/both", () => "ok").RequireAuthorization("both");
        app.MapGet("/stacked", () => "ok").RequireAuthorization("admin", "both");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProtectedApi(app, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
