using System.Collections.Concurrent;
using OAuth2.Diagnostics;

namespace OAuth2.AspNetCore.Tests.Observability;

internal sealed class RecordingAuditSink : IOAuth2AuditSink
{
    public ConcurrentQueue<OAuth2AuditEvent> Events { get; } = new();

    public ValueTask WriteAsync(OAuth2AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
