using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OAuth2.AspNetCore.Tests.Support;

namespace OAuth2.AspNetCore.Tests.Abuse;

/// <summary>
/// A sample of its own for one abuse test (so lockouts and spent rate limits never reach the shared fixture), with a
/// fake clock the test moves past a lockout window. Request rate limits run on their own clock, not this one.
/// </summary>
public sealed class AbuseSample : IAsyncDisposable
{
    private AbuseSample(RunningSample sample, FakeTimeProvider clock)
    {
        Sample = sample;
        Clock = clock;
    }

    public RunningSample Sample { get; }

    public FakeTimeProvider Clock { get; }

    public Uri BaseAddress => Sample.BaseAddress;

    public string CallbackUri => new Uri(BaseAddress, "/callback").ToString();

    public static async Task<AbuseSample> StartAsync(params string[] extraArgs)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string[] args = ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. extraArgs];
        var sample = await RunningSample.StartAsync(
            args,
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            },
            TestContext.Current.CancellationToken);
        return new AbuseSample(sample, clock);
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (127.0.0.x).</summary>
    public HttpClient ClientFrom(string localAddress, int maxConnections = int.MaxValue) => LoopbackClient.Create(BaseAddress, localAddress, maxConnections);

    public ValueTask DisposeAsync() => Sample.DisposeAsync();
}
