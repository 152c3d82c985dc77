namespace OAuth2.DependencyInjection.Pruning;

/// <summary>
/// How the hosted pruning service runs (<c>AddExpiredDataPruning</c>; configuration keys <c>Enabled</c>,
/// <c>Interval</c>, <c>BatchSize</c>, e.g. under <c>OAuth2:Pruning</c>).
/// </summary>
public sealed class ExpiredDataPruningOptions
{
    public const int DefaultBatchSize = 1000;
    public const int MaxBatchSize = 100_000;

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>Off: the service logs that once and does nothing, for hosts that prune from their own scheduler.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Time between runs (the first is one interval after start, once the schema is in place). Expired rows are
    /// invisible to the server anyway; this bounds only how long they take up space. 1 second to 1 day.
    /// </summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>
    /// Rows one DELETE removes at most: each batch is a short write, so pruning never holds long locks on the
    /// token tables. 1 to 100,000.
    /// </summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>The first problem with these options, or <c>null</c> when they are valid.</summary>
    public string? Validate()
    {
        if (Interval < MinInterval || Interval > MaxInterval)
        {
            return $"Pruning Interval must be between {MinInterval} and {MaxInterval}; it is {Interval}.";
        }

        return BatchSize is < 1 or > MaxBatchSize
            ? $"Pruning BatchSize must be between 1 and {MaxBatchSize}; it is {BatchSize}."
            : null;
    }
}
