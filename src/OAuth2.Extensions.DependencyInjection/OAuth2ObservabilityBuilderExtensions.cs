using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OAuth2.DependencyInjection;
using OAuth2.DependencyInjection.Diagnostics;
using OAuth2.Diagnostics;
using OAuth2.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks and audit sinks for <see cref="OAuth2ServerBuilder"/>; logs, metrics and traces need no call.</summary>
public static class OAuth2ObservabilityBuilderExtensions
{
    /// <summary>The default name of the store health check.</summary>
    public const string HealthCheckName = "oauth2-store";

    /// <summary>
    /// Registers one health check over whichever store the builder was given (Redis, a SQL dialect, Mongo, in-memory):
    /// Unhealthy while the backend does not answer, Degraded when it answers but will not keep what it stores.
    /// Map it with <c>app.MapHealthChecks("/healthz")</c>.
    /// </summary>
    public static OAuth2ServerBuilder AddHealthChecks(this OAuth2ServerBuilder builder, string name = HealthCheckName, HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            sp => new OAuth2StoreHealthCheck(sp.GetRequiredService<IOAuth2Store>(), sp.GetService<ILoggerFactory>()),
            failureStatus,
            tags));
        return builder;
    }

    /// <summary>Adds an audit sink: it receives every <see cref="OAuth2AuditEvent"/> (issued, refreshed, revoked, reuse, replay, failed client authentication).</summary>
    public static OAuth2ServerBuilder AddAuditSink<TSink>(this OAuth2ServerBuilder builder)
        where TSink : class, IOAuth2AuditSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOAuth2AuditSink, TSink>());
        return builder;
    }

    /// <summary>Adds an audit sink instance.</summary>
    public static OAuth2ServerBuilder AddAuditSink(this OAuth2ServerBuilder builder, IOAuth2AuditSink sink)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sink);
        builder.Services.AddSingleton(sink);
        return builder;
    }
}
