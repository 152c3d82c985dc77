using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OAuth2.Diagnostics;

/// <summary>
/// The server's logs, metrics, traces and audit events, built from .NET's own primitives so they reach whatever the
/// host uses (OpenTelemetry, Prometheus, a console logger). One per server; without arguments everything is a no-op
/// until a listener attaches, so the core works without DI.
/// </summary>
/// <remarks>
/// Instruments live on the <see cref="Meter"/> named <see cref="Name"/> (from the host's <see cref="IMeterFactory"/>
/// when given one), spans on the <see cref="ActivitySource"/> of the same name. See the package README for the list.
/// </remarks>
public sealed partial class OAuth2Telemetry : IDisposable
{
    /// <summary>The name of the core's meter, activity source and log category.</summary>
    public const string Name = "OAuth2.Core";

    private static readonly string? Version = typeof(OAuth2Telemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The core's spans; static by .NET convention (an <see cref="ActivitySource"/> holds no per-server state).</summary>
    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    private readonly bool _ownsMeter;
    private readonly IOAuth2AuditSink[] _auditSinks;
    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _reuseDetections;
    private readonly Counter<long> _codeReplays;
    private readonly Counter<long> _clientAuthenticationFailures;
    private readonly Histogram<double> _storeDuration;
    private readonly Counter<long> _registrationOperations;

    public OAuth2Telemetry(ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null, IEnumerable<IOAuth2AuditSink>? auditSinks = null, TimeProvider? timeProvider = null)
    {
        Logger = loggerFactory?.CreateLogger(CoreLog.Category) ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _auditSinks = auditSinks?.ToArray() ?? [];
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(new MeterOptions(Name) { Version = Version }) ?? new Meter(Name, Version);
        _tokensIssued = Meter.CreateCounter<long>("oauth2.tokens.issued", "{token}", "Token responses issued by the token endpoint, by grant type.");
        _errors = Meter.CreateCounter<long>("oauth2.errors", "{error}", "Error responses, by endpoint and OAuth error code.");
        _reuseDetections = Meter.CreateCounter<long>("oauth2.refresh_token.reuse_detections", "{detection}", "Rotated refresh tokens presented again.");
        _codeReplays = Meter.CreateCounter<long>("oauth2.authorization_code.replays", "{replay}", "Redeemed authorization codes presented again.");
        _clientAuthenticationFailures = Meter.CreateCounter<long>("oauth2.client_authentication.failures", "{failure}", "Failed client authentications, by endpoint.");
        _registrationOperations = Meter.CreateCounter<long>("oauth2.registration.operations", "{operation}", "Dynamic client registration operations that succeeded (RFC 7591 create, RFC 7592 read, update, delete), by operation.");
        _storeDuration = Meter.CreateHistogram(
            "oauth2.store.operation.duration",
            "s",
            "Duration of store operations, by operation and backend.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>The meter every core instrument is created on.</summary>
    public Meter Meter { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider { get; }

    internal bool StoreInstrumentationEnabled => _storeDuration.Enabled || ActivitySource.HasListeners();

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    internal void RecordStoreOperation(string operation, string backend, double seconds, Exception? failure)
    {
        if (!_storeDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TagNames.DbOperation, operation },
            { TagNames.DbSystem, backend },
        };
        if (failure is not null)
        {
            tags.Add(TagNames.ErrorType, failure.GetType().FullName);
        }

        _storeDuration.Record(seconds, tags);
    }

    internal void TokenIssued(string grantType)
        => _tokensIssued.Add(1, new KeyValuePair<string, object?>(TagNames.GrantType, grantType));

    internal void Error(string endpoint, string error)
        => _errors.Add(1, new KeyValuePair<string, object?>(TagNames.Endpoint, endpoint), new KeyValuePair<string, object?>(TagNames.ErrorType, error));

    internal ValueTask ClientAuthenticationFailedAsync(string endpoint, string? clientId, CancellationToken cancellationToken)
    {
        _clientAuthenticationFailures.Add(1, new KeyValuePair<string, object?>(TagNames.Endpoint, endpoint));
        CoreLog.ClientAuthenticationFailed(Logger, endpoint, clientId);
        return PublishAsync(OAuth2AuditEventType.ClientAuthenticationFailed, clientId, null, null, null, endpoint, cancellationToken);
    }

    /// <summary>A rotated refresh token came back: counted, logged as a warning and published; <paramref name="familyRevoked"/> is false within the leeway.</summary>
    internal ValueTask RefreshTokenReuseAsync(string clientId, string grantId, string? subjectId, bool familyRevoked, CancellationToken cancellationToken)
    {
        _reuseDetections.Add(1);
        CoreLog.RefreshTokenReuse(Logger, clientId, grantId, familyRevoked);
        return PublishAsync(OAuth2AuditEventType.RefreshTokenReuseDetected, clientId, grantId, subjectId, GrantTypes.RefreshToken, Endpoints.Token, cancellationToken);
    }

    /// <summary>A redeemed code came back and the tokens of its grant were revoked.</summary>
    internal ValueTask AuthorizationCodeReplayAsync(string clientId, string grantId, string? subjectId, CancellationToken cancellationToken)
    {
        _codeReplays.Add(1);
        CoreLog.AuthorizationCodeReplay(Logger, clientId, grantId);
        return PublishAsync(OAuth2AuditEventType.AuthorizationCodeReplayed, clientId, grantId, subjectId, GrantTypes.AuthorizationCode, Endpoints.Token, cancellationToken);
    }

    internal ValueTask PublishAsync(OAuth2AuditEventType type, string? clientId, string? grantId, string? subjectId, string? grantType, string? endpoint, CancellationToken cancellationToken)
    {
        if (_auditSinks.Length == 0)
        {
            return ValueTask.CompletedTask;
        }

        var auditEvent = new OAuth2AuditEvent(type, TimeProvider.GetUtcNow())
        {
            ClientId = clientId,
            GrantId = grantId,
            SubjectId = subjectId,
            GrantType = grantType,
            Endpoint = endpoint,
        };
        return WriteAsync(auditEvent, cancellationToken);
    }

    private async ValueTask WriteAsync(OAuth2AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        foreach (var sink in _auditSinks)
        {
            try
            {
                await sink.WriteAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                CoreLog.AuditSinkFailed(Logger, sink.GetType().Name, auditEvent.Type, e);
            }
        }
    }

    /// <summary>The endpoint names used as <c>oauth2.endpoint</c> and in span names.</summary>
    internal static class Endpoints
    {
        public const string Token = "token";
        public const string Authorize = "authorize";
        public const string Authenticate = "authenticate";
        public const string Revocation = "revocation";
        public const string Introspection = "introspection";
        public const string DeviceAuthorization = "device_authorization";
        public const string PushedAuthorization = "par";
        public const string Registration = "registration";
        public const string ClientConfiguration = "client_configuration";
    }

    /// <summary>The <c>oauth2.registration.operation</c> values: one per RFC 7591/7592 operation, anything else <c>_OTHER</c>.</summary>
    internal static class RegistrationOperations
    {
        public const string Create = "create";
        public const string Read = "read";
        public const string Update = "update";
        public const string Delete = "delete";
        public const string Other = "_OTHER";
    }

    /// <summary>Attribute names: OpenTelemetry's where one exists (<c>error.type</c>, <c>db.*</c>), <c>oauth2.*</c> otherwise.</summary>
    internal static class TagNames
    {
        public const string GrantType = "oauth2.grant_type";
        public const string ClientId = "oauth2.client_id";
        public const string Endpoint = "oauth2.endpoint";
        public const string ErrorType = "error.type";
        public const string DbSystem = "db.system.name";
        public const string DbOperation = "db.operation.name";
        public const string RegistrationOperation = "oauth2.registration.operation";
    }
}
