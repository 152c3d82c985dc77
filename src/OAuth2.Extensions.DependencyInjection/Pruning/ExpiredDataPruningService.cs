using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuth2.Storage;

namespace OAuth2.DependencyInjection.Pruning;

/// <summary>
/// Deletes expired tokens, codes and device authorizations every <see cref="ExpiredDataPruningOptions.Interval"/>,
/// where the store cannot expire them by itself (<see cref="IExpiredDataPruner"/>: the SQL stores). Several servers
/// sharing one database take turns through the store's <see cref="IPruningLease"/>: a run that finds the lease held
/// elsewhere is skipped. A failed run is logged and the next one tried on schedule; it never stops the host.
/// </summary>
/// <remarks>
/// The pruner is the registered <see cref="IExpiredDataPruner"/>: <c>AddStore</c> registers every store that
/// implements it (the SQL stores, the in-memory store, Mongo's as a backstop to its TTL index). A store with native
/// expiry and no pruner (Redis) has none: the service logs that once and stays idle.
/// </remarks>
public sealed class ExpiredDataPruningService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly ExpiredDataPruningOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private PeriodicTimer? _timer;

    public ExpiredDataPruningService(
        IServiceProvider services,
        IOptions<ExpiredDataPruningOptions> options,
        TimeProvider timeProvider,
        ILogger<ExpiredDataPruningService> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _services = services;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        if (_options.Validate() is { } problem)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ExpiredDataPruningOptions), [problem]);
        }
    }

    /// <summary>Starts the schedule's clock here, so the first run is one interval after the host started.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            _timer ??= new PeriodicTimer(_options.Interval, _timeProvider);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null)
        {
            Log.PruningDisabled(_logger);
            return;
        }

        if (!TryFindPruner(out var pruner))
        {
            return;
        }

        var lease = pruner as IPruningLease;
        Log.PruningScheduled(_logger, pruner.GetType().Name, _options.Interval, _options.BatchSize, lease is not null);
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync(pruner, lease, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private bool TryFindPruner([NotNullWhen(true)] out IExpiredDataPruner? pruner)
    {
        try
        {
            pruner = _services.GetService<IExpiredDataPruner>();
            if (pruner is not null)
            {
                return true;
            }

            Log.NothingToPrune(_logger, _services.GetService<IOAuth2Store>()?.GetType().Name ?? "(none registered)");
        }
#pragma warning disable CA1031 // A store that cannot be built fails the server's own resolution loudly; here it only stops pruning.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.PruningFailed(_logger, e, _options.Interval);
            pruner = null;
        }

        return false;
    }

    private async ValueTask RunOnceAsync(IExpiredDataPruner pruner, IPruningLease? lease, CancellationToken stoppingToken)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            IAsyncDisposable? held = null;
            if (lease is not null)
            {
                held = await lease.TryAcquirePruningLeaseAsync(stoppingToken).ConfigureAwait(false);
                if (held is null)
                {
                    Log.PruningLeaseHeldElsewhere(_logger);
                    return;
                }
            }

            int removed;
            try
            {
                removed = await pruner.PruneExpiredAsync(_options.BatchSize, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                if (held is not null)
                {
                    await held.DisposeAsync().ConfigureAwait(false);
                }
            }

            var elapsedMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (removed > 0)
            {
                Log.ExpiredDataPruned(_logger, removed, elapsedMs);
            }
            else
            {
                Log.NothingExpired(_logger, elapsedMs);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StorageUnavailableException e)
        {
            Log.PruningStorageUnavailable(_logger, e, _options.Interval);
        }
#pragma warning disable CA1031 // A background job must outlive any one failure: logged, retried on schedule.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.PruningFailed(_logger, e, _options.Interval);
        }
    }
}
