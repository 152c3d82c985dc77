using Microsoft.Extensions.Logging;

namespace OAuth2.AspNetCore.ResourceServer;

/// <summary>
/// This package's log events (ids 5100-5199). None carries a token, a token digest or a secret: a reason and the
/// endpoint's address are what an operator needs.
/// </summary>
internal static partial class ResourceServerLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Token introspection at {Endpoint} failed ({Reason}); the request is refused and nothing is cached")]
    public static partial void IntrospectionUnavailable(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Bearer token refused by introspection: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Authorization server metadata at {MetadataAddress} unusable ({Reason}); retried on the next request")]
    public static partial void DiscoveryFailed(ILogger logger, string metadataAddress, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Bearer token refused before introspection: {Reason}")]
    public static partial void TokenMalformed(ILogger logger, string reason);
}
