using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OAuth2.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OAuth2.Sample.Server.Startup;

/// <summary>
/// What an operator plugs in: OpenTelemetry over the server's meters and activity sources, exported by
/// <c>Telemetry:Exporter</c> = <c>prometheus</c> (a <c>/metrics</c> scrape endpoint, the default), <c>otlp</c> (to
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) or <c>none</c>; and the store health check on <c>/healthz</c>.
/// </summary>
public static class SampleTelemetry
{
    /// <summary>The meters the server publishes: the core's and the ASP.NET Core package's.</summary>
    public static readonly string[] Meters = [OAuth2Telemetry.Name, "OAuth2.AspNetCore"];

    public static void AddSampleTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = builder.Configuration["Telemetry:Exporter"] ?? "prometheus";
        if (string.Equals(exporter, "none", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var otlp = string.Equals(exporter, "otlp", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("oauth2-sample"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
                else
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(OAuth2Telemetry.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    public static void MapSampleTelemetry(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        var exporter = app.Configuration["Telemetry:Exporter"] ?? "prometheus";
        if (string.Equals(exporter, "prometheus", StringComparison.OrdinalIgnoreCase))
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
    }
}
