using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OAuth2.Sample.Server;

namespace OAuth2.AspNetCore.Tests.Support;

/// <summary>The sample started in-process on Kestrel with the given arguments (use <c>--urls=http://127.0.0.1:0</c>), and where it listens.</summary>
public sealed class RunningSample : IAsyncDisposable
{
    private RunningSample(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>The address Kestrel really bound, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    public static Task<RunningSample> StartAsync(string[] args, CancellationToken cancellationToken)
        => StartAsync(args, configureServices: null, cancellationToken);

    /// <summary>Starts the sample with services replaced after its own registrations (e.g. a fake clock).</summary>
    public static async Task<RunningSample> StartAsync(string[] args, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        var app = SampleServer.BuildApp(args, configureServices);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSample(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
