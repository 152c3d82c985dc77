using Microsoft.Extensions.Logging;

namespace OAuth2.DependencyInjection;

/// <summary>
/// Every log event of this package, with its stable id (3100–3199). Messages carry counts, durations and type
/// names only: never a token, secret or connection string.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, EventName = "PruningScheduled", Level = LogLevel.Information,
        Message = "Expired-data pruning of {Store} runs every {Interval} in batches of {BatchSize} (lease: {UsesLease}).")]
    public static partial void PruningScheduled(ILogger logger, string store, TimeSpan interval, int batchSize, bool usesLease);

    [LoggerMessage(EventId = 3101, EventName = "NothingToPrune", Level = LogLevel.Information,
        Message = "Expired-data pruning is idle: the store {Store} expires its data by itself.")]
    public static partial void NothingToPrune(ILogger logger, string store);

    [LoggerMessage(EventId = 3102, EventName = "PruningDisabled", Level = LogLevel.Information,
        Message = "Expired-data pruning is disabled; expired rows stay in SQL tables until the host prunes them.")]
    public static partial void PruningDisabled(ILogger logger);

    [LoggerMessage(EventId = 3103, EventName = "ExpiredDataPruned", Level = LogLevel.Information,
        Message = "Pruned {Removed} expired items in {ElapsedMs} ms.")]
    public static partial void ExpiredDataPruned(ILogger logger, int removed, long elapsedMs);

    [LoggerMessage(EventId = 3104, EventName = "NothingExpired", Level = LogLevel.Debug,
        Message = "Pruning found no expired items ({ElapsedMs} ms).")]
    public static partial void NothingExpired(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 3105, EventName = "PruningLeaseHeldElsewhere", Level = LogLevel.Debug,
        Message = "Pruning skipped: another server instance holds the pruning lease.")]
    public static partial void PruningLeaseHeldElsewhere(ILogger logger);

    [LoggerMessage(EventId = 3106, EventName = "PruningStorageUnavailable", Level = LogLevel.Warning,
        Message = "Pruning failed: the store is unavailable; the next run is in {Interval}.")]
    public static partial void PruningStorageUnavailable(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 3107, EventName = "PruningFailed", Level = LogLevel.Error,
        Message = "Pruning failed; the next run is in {Interval}.")]
    public static partial void PruningFailed(ILogger logger, Exception exception, TimeSpan interval);
}
