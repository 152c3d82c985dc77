
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

    private RunningSample? _sample;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The callback URI on the port the server really listens on (loopback ports may differ from the registered one).</summary>
    public string CallbackUri => new Uri(BaseAddress, "/callback").ToString();

    public async ValueTask InitializeAsync()
    {
        _sample = await RunningSample.StartAsync(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], TestContext.Current.CancellationToken);
        BaseAddress = _sample.BaseAddress;
    }

    /// <summary>A client that keeps cookies (for the antiforgery cookie) and never follows redirects.</summary>
    public HttpClient CreateClient()
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

    public async ValueTask DisposeAsync()
    {
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
    }
}
