using Microsoft.Extensions.Logging;

namespace OAuth2.Tests.Support;

/// <summary>
/// Keeps every log entry (event id, level, message, exception) and lets a test await the entries it expects, so a
/// test of a background service waits for what happened instead of sleeping. Shared by the test projects that need it.
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The entries once <paramref name="done"/> holds; fails after 30 s (a hang, not a timing assertion).</summary>
    public async Task<IReadOnlyList<LogEntry>> WaitForAsync(Func<IReadOnlyList<LogEntry>, bool> done, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done(_entries))
                {
                    return [.. _entries];
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Waits until <paramref name="count"/> entries with <paramref name="eventId"/> were written.</summary>
    public Task<IReadOnlyList<LogEntry>> WaitForAsync(int eventId, int count, CancellationToken cancellationToken) =>
        WaitForAsync(entries => entries.Count(e => e.EventId == eventId) >= count, cancellationToken);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>A typed logger for a service built without a logging container.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(this);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _entries.Add(entry);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    private sealed class Logger<T>(RecordingLoggerProvider provider) : Logger(provider), ILogger<T>;

    private class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new LogEntry(eventId.Id, logLevel, formatter(state, exception), exception));
    }
}

/// <summary>One recorded log entry.</summary>
public sealed record LogEntry(int EventId, LogLevel Level, string Message, Exception? Exception);
