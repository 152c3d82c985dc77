// Stand-ins for the application's own types that the README snippets name (a store of your own, your user
// directory, your device page). They only have to compile: the snippets are built, never run.
using Microsoft.AspNetCore.Http;
using OAuth2;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;

public sealed class MyStore : DelegatingOAuth2Store, IFailedAttemptStore
{
    public MyStore(string connection, TimeProvider timeProvider)
        : base(new InMemoryStore(timeProvider)) => _ = connection;

    public MyStore(string connection, string prefix, TimeProvider timeProvider)
        : this(connection + prefix, timeProvider)
    {
    }

    public MyStore(string connection, string prefix)
        : this(connection + prefix, TimeProvider.System)
    {
    }

    public ValueTask<string> DumpEverythingAsTextAsync(CancellationToken cancellationToken) => ValueTask.FromResult(string.Empty);

    public ValueTask<FailedAttempts> RecordFailureAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
        => ValueTask.FromResult(FailedAttempts.None);

    public ValueTask<FailedAttempts> GetFailuresAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
        => ValueTask.FromResult(FailedAttempts.None);

    public ValueTask ResetFailuresAsync(string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public sealed class MyUsers
{
    public OAuth2User? Validate(string username, string password) => null;

    public ValueTask<OAuth2User?> ValidateAsync(string username, string password, CancellationToken cancellationToken)
        => ValueTask.FromResult(Validate(username, password));

    public ValueTask<OAuth2User?> CheckAsync(string username, string password, CancellationToken cancellationToken)
        => ValidateAsync(username, password, cancellationToken);
}

public static class DevicePage
{
    public static Task GetAsync(HttpContext context, OAuth2Server server) => Task.CompletedTask;

    public static Task PostAsync(HttpContext context, OAuth2Server server) => Task.CompletedTask;
}

/// <summary>Values a class in a README reads from its surroundings (configuration, in a real application).</summary>
public static class WellKnown
{
    public static string connectionString => "Host=127.0.0.1";
}

/// <summary>The application's audit trail a README registers with <c>AddAuditSink&lt;MyAuditTrail&gt;()</c>.</summary>
public sealed class MyAuditTrail : OAuth2.Diagnostics.IOAuth2AuditSink
{
    public ValueTask WriteAsync(OAuth2.Diagnostics.OAuth2AuditEvent auditEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
