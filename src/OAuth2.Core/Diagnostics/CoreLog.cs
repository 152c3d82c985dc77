using Microsoft.Extensions.Logging;

namespace OAuth2.Diagnostics;

/// <summary>
/// The core's log events, defined once with stable ids (21xx). Arguments are identifiers and error codes only: no
/// token, code, secret or password ever reaches a message, and exceptions logged are the store's or the server's own.
/// </summary>
internal static partial class CoreLog
{
    public const string Category = "OAuth2.Core";

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "The store is unavailable: the {Endpoint} endpoint answered 503 server_error")]
    public static partial void StoreUnavailable(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "The {Endpoint} endpoint failed: {StatusCode} {Error}")]
    public static partial void ServerError(ILogger logger, string endpoint, int statusCode, string error, Exception exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Refresh token reuse by client {ClientId} on grant {GrantId}; family revoked: {FamilyRevoked}")]
    public static partial void RefreshTokenReuse(ILogger logger, string clientId, string grantId, bool familyRevoked);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Authorization code replay by client {ClientId}; tokens of grant {GrantId} revoked")]
    public static partial void AuthorizationCodeReplay(ILogger logger, string clientId, string grantId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Client authentication failed on the {Endpoint} endpoint for client {ClientId}")]
    public static partial void ClientAuthenticationFailed(ILogger logger, string endpoint, string? clientId);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "Audit sink {Sink} failed on a {AuditEventType} event")]
    public static partial void AuditSinkFailed(ILogger logger, string sink, OAuth2AuditEventType auditEventType, Exception exception);

    [LoggerMessage(EventId = 2901, Level = LogLevel.Information, Message = "Client {ClientId} registered dynamically ({AuthMethod})")]
    public static partial void ClientRegistered(ILogger logger, string clientId, string authMethod);

    [LoggerMessage(EventId = 2902, Level = LogLevel.Information, Message = "Dynamically registered client {ClientId} updated; registration access token rotated")]
    public static partial void RegisteredClientUpdated(ILogger logger, string clientId);

    [LoggerMessage(EventId = 2903, Level = LogLevel.Information, Message = "Dynamically registered client {ClientId} deleted")]
    public static partial void RegisteredClientDeleted(ILogger logger, string clientId);

    [LoggerMessage(EventId = 2904, Level = LogLevel.Warning, Message = "Client registration refused: {Error} ({ErrorId})")]
    public static partial void RegistrationRefused(ILogger logger, string error, string? errorId);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "JWT signing key {KeyId} (generation {Generation}, {Algorithm}) created; it signs from {ActivatesAt:O}")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId, long generation, string algorithm, DateTimeOffset activatesAt);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "JWT signing key {KeyId} (generation {Generation}) dropped: the last token it signed has expired")]
    public static partial void SigningKeyDropped(ILogger logger, string keyId, long generation);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "Another instance created JWT signing key generation {Generation} first; using its key")]
    public static partial void SigningKeyRotationLost(ILogger logger, long generation);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "The signing key store is unavailable; signing and validating with the {KeyCount} keys already read")]
    public static partial void SigningKeyStoreUnavailable(ILogger logger, int keyCount, Exception exception);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "JWT signing key {KeyId} (generation {Generation}) cannot be unprotected: every instance must share the protector's secret (the Data Protection key ring)")]
    public static partial void SigningKeyUnprotectFailed(ILogger logger, string keyId, long generation, Exception exception);

    [LoggerMessage(EventId = 2230, Level = LogLevel.Information, Message = "Tokens of deleted client {ClientId} revoked (RFC 7592 section 2.3): {Count} removed")]
    public static partial void DeletedClientTokensRevoked(ILogger logger, string clientId, int count);

    [LoggerMessage(EventId = 2240, Level = LogLevel.Information, Message = "Dynamically registered client {ClientId} updated with a new secret: the previous one had expired or was about to")]
    public static partial void RegisteredClientSecretRenewed(ILogger logger, string clientId);
}
