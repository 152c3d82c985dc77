namespace OAuth2.Diagnostics;

/// <summary>
/// Receives the server's <see cref="OAuth2AuditEvent"/>s, e.g. to write an audit trail. Called inline on the request
/// path after the outcome is decided, so it should be quick (queue, don't block); a sink that throws is logged and
/// never fails the request.
/// </summary>
public interface IOAuth2AuditSink
{
    ValueTask WriteAsync(OAuth2AuditEvent auditEvent, CancellationToken cancellationToken);
}
