using System.Diagnostics.Metrics;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// The package's instruments, on the meter <see cref="MeterName"/> from the host's <see cref="IMeterFactory"/>:
/// requests refused by a rate limit or a failed-authentication lockout, by endpoint family and reason.
/// </summary>
internal sealed class AbuseMetrics
{
    public const string MeterName = "OAuth2.AspNetCore";
    public const string RateLimit = "rate_limit";
    public const string Lockout = "lockout";

    private readonly Counter<long> _throttled;

    public AbuseMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = typeof(AbuseMetrics).Assembly.GetName().Version?.ToString() });
        _throttled = meter.CreateCounter<long>("oauth2.requests.throttled", "{request}", "Requests refused with 429 by a rate limit or a failed-authentication lockout.");
    }

    public void Throttled(OAuth2EndpointFamily family, string reason)
        => _throttled.Add(1, new KeyValuePair<string, object?>("oauth2.endpoint_family", family.ToString()), new KeyValuePair<string, object?>("oauth2.throttle.reason", reason));
}
