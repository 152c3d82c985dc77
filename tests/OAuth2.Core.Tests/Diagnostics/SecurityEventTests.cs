using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OAuth2.Core.Tests.Support;
using OAuth2.Diagnostics;
using OAuth2.Storage;

namespace OAuth2.Core.Tests.Diagnostics;

/// <summary>
/// The security events raised where the grants detect them (refresh-token reuse and the family it revoked,
/// authorization-code replay), failed client authentication and store outages: each one log line with its event id,
/// one audit event, and never a credential; a failing audit sink never changes the answer.
/// </summary>
public sealed class SecurityEventTests
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private readonly Harness _h = new();
    private readonly Capture _logs = new();
    private readonly Sink _sink = new();

    public SecurityEventTests() => _h.Telemetry = new OAuth2Telemetry(_logs, meterFactory: null, [_sink], _h.Time);

    [Fact]
    public async Task Reuse_of_a_rotated_refresh_token_is_a_warning_and_an_audit_event_naming_the_revoked_family()
    {
        _h.AddRefreshToken("rt-secret-1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start.AddMinutes(-5), GrantId = "g-fam" });
        var result = await _h.TokenAsync("grant_type=refresh_token&refresh_token=rt-secret-1");
        Expect.TokenError(result, "invalid_grant");

        var line = Assert.Single(_logs.Lines, l => l.Id == 2103);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("g-fam", line.Text, StringComparison.Ordinal);
        Assert.Contains("family revoked: True", line.Text, StringComparison.Ordinal);
        var reuse = Assert.Single(_sink.Events);
        Assert.Equal(OAuth2AuditEventType.RefreshTokenReuseDetected, reuse.Type);
        Assert.Equal(("c1", "g-fam", Harness.Alice.Id, Harness.Start), (reuse.ClientId, reuse.GrantId, reuse.SubjectId, reuse.OccurredAt));
        Assert.DoesNotContain(_logs.Lines, l => l.Text.Contains("rt-secret-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reuse_within_the_leeway_is_reported_with_the_family_kept()
    {
        _h.Options.RefreshTokenReuseLeeway = TimeSpan.FromSeconds(30);
        _h.AddRefreshToken("rt1", _h.NewRefreshToken() with { RedeemedAt = Harness.Start });
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        Expect.TokenError(await _h.TokenAsync("grant_type=refresh_token&refresh_token=rt1"), "invalid_grant");

        Assert.Contains("family revoked: False", Assert.Single(_logs.Lines, l => l.Id == 2103).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_redeemed_code_is_a_warning_and_an_audit_event()
    {
        _h.AddCode("code-secret-1", _h.NewCode() with
        {
            RedeemedAt = Harness.Start.AddSeconds(-10),
            GrantId = "g-replayed",
            CodeChallenge = Challenge,
            CodeChallengeMethod = "S256",
        });
        var result = await _h.TokenAsync($"grant_type=authorization_code&code=code-secret-1&code_verifier={Verifier}");
        Expect.TokenError(result, "invalid_grant");

        Assert.Equal(LogLevel.Warning, Assert.Single(_logs.Lines, l => l.Id == 2104).Level);
        var replay = Assert.Single(_sink.Events);
        Assert.Equal((OAuth2AuditEventType.AuthorizationCodeReplayed, "g-replayed"), (replay.Type, replay.GrantId));
        Assert.DoesNotContain(_logs.Lines, l => l.Text.Contains("code-secret-1", StringComparison.Ordinal) || l.Text.Contains(Verifier, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_warning_with_the_client_id_and_never_the_secret()
    {
        var result = await _h.TokenAsync("grant_type=client_credentials", "c1", "presented-wrong-secret");
        Expect.TokenError(result, "invalid_client", 401);

        var line = Assert.Single(_logs.Lines, l => l.Id == 2105);
        Assert.Contains("c1", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("presented-wrong-secret", line.Text, StringComparison.Ordinal);
        Assert.Equal(OAuth2AuditEventType.ClientAuthenticationFailed, Assert.Single(_sink.Events).Type);
    }

    [Fact]
    public async Task A_store_outage_is_one_error_line_with_the_outage_and_a_503()
    {
        var outage = new StorageUnavailableException("store down");
        _h.Model.GetClientAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Throws(outage);
        var result = await _h.TokenAsync("grant_type=client_credentials");

        Assert.Equal(503, result.Response.StatusCode);
        var line = Assert.Single(_logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Equal(2101, line.Id);
        Assert.Same(outage, line.Exception);
    }

    [Fact]
    public async Task An_audit_sink_that_throws_is_logged_and_the_answer_is_unchanged()
    {
        var h = new Harness();
        var logs = new Capture();
        h.Telemetry = new OAuth2Telemetry(logs, meterFactory: null, [new ThrowingSink(), _sink], h.Time);
        var result = await h.TokenAsync("grant_type=client_credentials");

        Assert.True(result.Succeeded);
        Assert.Equal(2106, Assert.Single(logs.Lines, l => l.Level >= LogLevel.Error).Id);
        Assert.Equal(OAuth2AuditEventType.TokenIssued, Assert.Single(_sink.Events).Type);
    }

    private sealed class Sink : IOAuth2AuditSink
    {
        public ConcurrentQueue<OAuth2AuditEvent> Events { get; } = new();

        public ValueTask WriteAsync(OAuth2AuditEvent auditEvent, CancellationToken cancellationToken)
        {
            Events.Enqueue(auditEvent);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingSink : IOAuth2AuditSink
    {
        public ValueTask WriteAsync(OAuth2AuditEvent auditEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("audit trail full");
    }

    private sealed class Capture : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<(int Id, LogLevel Level, string Text, Exception? Exception)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Lines.Enqueue((eventId.Id, logLevel, formatter(state, exception), exception));
    }
}
