using Microsoft.Extensions.Logging;

namespace OAuth2.AspNetCore.Abuse;

/// <summary>
/// The package's abuse-protection log events, defined once. Never a secret, password or username: a client id and
/// the remote address at most. A lockout beginning is a warning (an audit event); each refused request is debug, so
/// a flood does not flood the log too.
/// </summary>
internal static partial class AbuseLog
{
    public const string Category = "OAuth2.AspNetCore.Abuse";

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Rate limit reached on {Family} by {Partition}; retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, OAuth2EndpointFamily family, string partition, long retryAfterSeconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Failed client authentication locked out client {ClientId} from {RemoteAddress} for {RetryAfterSeconds} s")]
    public static partial void ClientLockedOut(ILogger logger, string clientId, string remoteAddress, long retryAfterSeconds);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Failed sign-in locked out a username from {RemoteAddress} for {RetryAfterSeconds} s")]
    public static partial void UserLockedOut(ILogger logger, string remoteAddress, long retryAfterSeconds);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Refused a {Subject} authentication on {Family} from {RemoteAddress}: locked out for {RetryAfterSeconds} s")]
    public static partial void Throttled(ILogger logger, OAuth2.Throttling.AuthenticationSubject subject, OAuth2EndpointFamily family, string remoteAddress, long retryAfterSeconds);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "The failed-attempt store is unavailable")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    /// <summary>The category of the endpoint-mapping events (start-up configuration), kept apart from abuse events.</summary>
    public const string EndpointsCategory = "OAuth2.AspNetCore.Endpoints";

    [LoggerMessage(EventId = 4300, Level = LogLevel.Critical, Message = "Stopping: {Problem}")]
    public static partial void IssuerMissing(ILogger logger, string problem);
}
