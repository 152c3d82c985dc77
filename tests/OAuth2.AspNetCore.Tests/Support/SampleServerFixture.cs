using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.Sample.Server;

[assembly: AssemblyFixture(typeof(OAuth2.AspNetCore.Tests.Support.SampleServerFixture))]

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>
/// The sample server, as shipped (its appsettings.json), started in-process on Kestrel on a free loopback port and
/// spoken to over real HTTP. Shared by every test in the assembly.
/// </summary>
public sealed class SampleServerFixture : IAsyncLifetime
{
    public const string ConfidentialClientId = "demo-client";
    public const string ConfidentialClientSecret = "demo-secret";
    public const string PublicClientId = "demo-public";
    public const string Username = "alice";
    public const string Password = "alice-password";

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The callback URI on the port the server really listens on (loopback ports may differ from the registered one).</summary>
    public string CallbackUri => new Uri(BaseAddress, "/callback").ToString();

    public async ValueTask InitializeAsync()
    {
        _app = SampleServer.BuildApp(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>A client that keeps cookies (for the antiforgery cookie) and never follows redirects.</summary>
    public HttpClient CreateClient()
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
