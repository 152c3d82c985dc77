using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OAuth2.Throttling;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// The request rate limits of <see cref="OAuth2RateLimitOptions"/>: for each family, one partitioned fixed-window
/// limiter keyed by remote address and one keyed by client id. Owned by the endpoints that use it (built when they are
/// mapped, so it works without <c>AddRateLimiter</c>/<c>UseRateLimiter</c>), read from options on first use, and
/// disposed when the application stops. Idle partitions are dropped by the limiter itself, so memory follows the
/// callers active in the last window, not every caller ever seen.
/// </summary>
internal sealed class OAuth2RateLimiter : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly Lazy<Limiters> _limiters;

    public OAuth2RateLimiter(IServiceProvider services)
    {
        _services = services;
        _limiters = new Lazy<Limiters>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
        Metrics = services.GetService<IMeterFactory>() is { } meters ? new AbuseMetrics(meters) : null;
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(Dispose);
    }

    /// <summary>The throttled-request counter; <c>null</c> when the host has no <see cref="IMeterFactory"/>.</summary>
    public AbuseMetrics? Metrics { get; }

    /// <summary>Takes a permit for the address; <c>null</c> when granted, otherwise how long to wait.</summary>
    public TimeSpan? AcquireByAddress(OAuth2EndpointFamily family, IPAddress? address)
    {
        var limiters = _limiters.Value;
        var limiter = limiters.ByAddress[(int)family];
        return limiter is null ? null : Acquire(limiter, AddressGrouping.Normalize(address, limiters.IPv6PrefixLength) ?? IPAddress.None);
    }

    /// <summary>Takes a permit for the client id; <c>null</c> when granted (or when no client id was named), otherwise how long to wait.</summary>
    public TimeSpan? AcquireByClient(OAuth2EndpointFamily family, string? clientId)
    {
        var limiter = _limiters.Value.ByClient[(int)family];
        return limiter is null || string.IsNullOrEmpty(clientId) ? null : Acquire(limiter, clientId);
    }

    public void Dispose()
    {
        if (_limiters.IsValueCreated)
        {
            foreach (var limiter in _limiters.Value.ByAddress)
            {
                limiter?.Dispose();
            }

            foreach (var limiter in _limiters.Value.ByClient)
            {
                limiter?.Dispose();
            }
        }
    }

    private static TimeSpan? Acquire<T>(PartitionedRateLimiter<T> limiter, T key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    private Limiters Build()
    {
        var options = _services.GetService<IOptions<OAuth2RateLimitOptions>>()?.Value ?? new OAuth2RateLimitOptions();
        var families = Enum.GetValues<OAuth2EndpointFamily>();
        var byAddress = new PartitionedRateLimiter<IPAddress>?[families.Length];
        var byClient = new PartitionedRateLimiter<string>?[families.Length];
        foreach (var family in families)
        {
            if (!options.Enabled)
            {
                continue;
            }

            var limits = options.For(family);
            byAddress[(int)family] = Create<IPAddress>(limits.PerAddress);
            byClient[(int)family] = Create<string>(limits.PerClient);
        }

        return new Limiters(byAddress, byClient, options.IPv6PrefixLength);
    }

    private static PartitionedRateLimiter<T>? Create<T>(RequestLimit limit)
        where T : notnull
    {
        if (!limit.IsOn)
        {
            return null;
        }

        var window = new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 };
        Func<T, FixedWindowRateLimiterOptions> options = _ => window; // one delegate, not one per request
        return PartitionedRateLimiter.Create<T, T>(key => RateLimitPartition.GetFixedWindowLimiter(key, options));
    }

    private sealed record Limiters(PartitionedRateLimiter<IPAddress>?[] ByAddress, PartitionedRateLimiter<string>?[] ByClient, int IPv6PrefixLength);
}
