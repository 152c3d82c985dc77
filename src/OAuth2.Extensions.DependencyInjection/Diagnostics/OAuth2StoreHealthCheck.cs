using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OAuth2.Storage;
using OAuth2.Storage.Health;

namespace OAuth2.DependencyInjection.Diagnostics;

/// <summary>
/// Adapts the registered store's <see cref="IStoreHealthProbe"/> (found through any decorators) to the health-check
/// framework: the probe's answer as is, and a probe that throws (the backend does not answer) as Unhealthy.
/// </summary>
internal sealed class OAuth2StoreHealthCheck(IOAuth2Store store, ILoggerFactory? loggerFactory) : IHealthCheck
{
    private readonly ILogger _logger = loggerFactory?.CreateLogger(ServerLog.Category) ?? NullLogger.Instance;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (DelegatingOAuth2Store.FindCapability<IStoreHealthProbe>(store) is not { } probe)
        {
            return HealthCheckResult.Healthy($"{store.GetType().Name} offers no health probe");
        }

        var data = new Dictionary<string, object> { ["backend"] = probe.BackendName };
        try
        {
            var health = await probe.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
            return health.Status switch
            {
                StoreHealthStatus.Healthy => HealthCheckResult.Healthy(health.Description, data),
                StoreHealthStatus.Degraded => HealthCheckResult.Degraded(health.Description, data: data),
                _ => new HealthCheckResult(context.Registration.FailureStatus, health.Description, data: data),
            };
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            ServerLog.HealthProbeFailed(_logger, probe.BackendName, e);
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {probe.BackendName} store does not answer", e, data);
        }
    }
}
