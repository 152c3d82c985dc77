using Microsoft.Extensions.Logging;

namespace OAuth2.DependencyInjection.Diagnostics;

/// <summary>The DI package's start-up log events (32xx), defined once.</summary>
internal static partial class ServerLog
{
    public const string Category = "OAuth2.Extensions.DependencyInjection";

    [LoggerMessage(EventId = 3201, Level = LogLevel.Critical, Message = "The OAuth2 server cannot start: {Problem}")]
    public static partial void InvalidConfiguration(ILogger logger, string problem, Exception exception);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "The store health probe failed for backend {Backend}")]
    public static partial void HealthProbeFailed(ILogger logger, string backend, Exception exception);
}
