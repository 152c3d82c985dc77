using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OAuth2.AspNetCore.ResourceServer.Tests.Support;

/// <summary>
/// A stand-in authorization server on a real loopback port: RFC 8414 metadata and an introspection endpoint whose
/// answer the test sets. It records each introspection request, so a test can count calls and check credentials.
/// </summary>
internal sealed class StubAuthorizationServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubAuthorizationServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public string Issuer => Address.GetLeftPart(UriPartial.Authority);

    public Uri IntrospectionEndpoint => new(Address, "/introspect");

    /// <summary>The answer to the next introspection: status and JSON body (the token posted is passed in).</summary>
    public Func<string, (int Status, object Body)> Answer { get; set; } = _ => (200, new { active = false });

    /// <summary>The issuer the metadata document claims; the real one unless a test lies.</summary>
    public string? AdvertisedIssuer { get; set; }

    public ConcurrentQueue<(string? Authorization, IReadOnlyDictionary<string, string> Form)> Requests { get; } = new();

    public static async Task<StubAuthorizationServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StubAuthorizationServer? stub = null;
        app.MapGet("/.well-known/oauth-authorization-server", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = stub!.AdvertisedIssuer ?? stub.Issuer,
            ["introspection_endpoint"] = stub.IntrospectionEndpoint.AbsoluteUri,
        }));
        app.MapPost("/introspect", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            stub!.Requests.Enqueue((context.Request.Headers.Authorization.ToString(), fields));
            var (status, body) = stub.Answer(fields.GetValueOrDefault("token") ?? string.Empty);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(body));
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub = new StubAuthorizationServer(app, new Uri(address.TrimEnd('/') + "/"));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
