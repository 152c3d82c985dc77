using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OAuth2.DependencyInjection;
using OAuth2.DependencyInjection.Pruning;
using OAuth2.Storage;
using OAuth2.Storage.InMemory;
using OAuth2.Tests.Support;

namespace OAuth2.AspNetCore.Tests.Pruning;

/// <summary>
/// The hosted pruning service on a fake clock and a fake pruner: it runs on schedule with the configured batch size,
/// takes turns through the lease, survives failures with one log entry each, idles without a pruner, stops on shutdown.
/// </summary>
public sealed class ExpiredDataPruningServiceTests : IAsyncDisposable
{
    private const int Scheduled = 3100;
    private const int NothingToPrune = 3101;
    private const int Disabled = 3102;
    private const int Pruned = 3103;
    private const int NothingExpired = 3104;
    private const int LeaseHeldElsewhere = 3105;
    private const int StorageUnavailable = 3106;
    private const int Failed = 3107;

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly RecordingLoggerProvider _logs = new();
    private ServiceProvider? _provider;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_once_per_interval_from_start_with_the_configured_batch_size()
    {
        var pruner = new FakePruner(_clock) { Removes = 7 };
        var service = await StartAsync(pruner, o => o.BatchSize = 250);

        _clock.Advance(Interval - TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _logs.WaitForAsync(Pruned, 1, Ct);
        _clock.Advance(Interval);
        var logs = await _logs.WaitForAsync(Pruned, 2, Ct);

        Assert.Equal([Start + Interval, Start + (2 * Interval)], pruner.CalledAt);
        Assert.Equal([250, 250], pruner.BatchSizes);
        Assert.Contains(logs, e => e.EventId == Scheduled && e.Message.Contains("00:01:00", StringComparison.Ordinal) && e.Message.Contains("250", StringComparison.Ordinal));
        Assert.All(logs.Where(e => e.EventId == Pruned), e => Assert.StartsWith("Pruned 7 expired items in ", e.Message, StringComparison.Ordinal));
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task A_run_that_removes_nothing_is_a_debug_entry()
    {
        var pruner = new FakePruner(_clock) { Removes = 0 };
        await StartAsync(pruner);

        _clock.Advance(Interval);
        var logs = await _logs.WaitForAsync(NothingExpired, 1, Ct);

        Assert.Equal(LogLevel.Debug, logs.Single(e => e.EventId == NothingExpired).Level);
        Assert.DoesNotContain(logs, e => e.EventId == Pruned);
    }

    [Fact]
    public async Task Stopping_cancels_a_run_in_progress_and_ends_the_schedule_without_an_error()
    {
        var pruner = new FakePruner(_clock) { BlockUntilCancelled = true };
        var service = await StartAsync(pruner);
        _clock.Advance(Interval);
        await pruner.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await service.StopAsync(Ct);
        _clock.Advance(10 * Interval);

        Assert.True(pruner.ObservedCancellation);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(pruner.CalledAt);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_store_outage_is_one_warning_per_failed_run_and_the_next_run_goes_ahead()
    {
        var pruner = new FakePruner(_clock) { Removes = 3 };
        pruner.Failures.Enqueue(new StorageUnavailableException("The store is unavailable."));
        pruner.Failures.Enqueue(new StorageUnavailableException("The store is unavailable."));
        pruner.Failures.Enqueue(new InvalidOperationException("Something else broke."));
        var service = await StartAsync(pruner);

        for (var run = 1; run <= 4; run++)
        {
            _clock.Advance(Interval);
            await _logs.WaitForAsync(e => e.Count(x => x.EventId is StorageUnavailable or Failed or Pruned) == run, Ct);
        }

        var outcomes = _logs.Entries.Where(e => e.EventId is StorageUnavailable or Failed or Pruned).ToList();
        Assert.Equal([StorageUnavailable, StorageUnavailable, Failed, Pruned], outcomes.Select(e => e.EventId));
        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Error, LogLevel.Information], outcomes.Select(e => e.Level));
        Assert.IsType<StorageUnavailableException>(outcomes[0].Exception);
        Assert.Equal(4, pruner.CalledAt.Count);
        Assert.False(service.ExecuteTask!.IsCompleted);
        await service.StopAsync(Ct);
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_run_is_skipped_while_another_instance_holds_the_lease_and_the_lease_is_released_after_pruning()
    {
        var pruner = new LeasedFakePruner(_clock) { Removes = 2 };
        pruner.LeaseAvailable.Enqueue(false);
        pruner.LeaseAvailable.Enqueue(true);
        await StartAsync(pruner);

        _clock.Advance(Interval);
        await _logs.WaitForAsync(LeaseHeldElsewhere, 1, Ct);
        Assert.Empty(pruner.CalledAt);

        _clock.Advance(Interval);
        await _logs.WaitForAsync(Pruned, 1, Ct);

        Assert.Equal([Start + (2 * Interval)], pruner.CalledAt);
        Assert.Equal(2, pruner.LeaseAttempts);
        Assert.Equal(1, pruner.LeasesReleased);
        Assert.True(pruner.LeaseHeldDuringPrune);
    }

    [Fact]
    public async Task The_lease_is_released_when_pruning_fails()
    {
        var pruner = new LeasedFakePruner(_clock);
        pruner.LeaseAvailable.Enqueue(true);
        pruner.Failures.Enqueue(new StorageUnavailableException("down"));
        await StartAsync(pruner);

        _clock.Advance(Interval);
        await _logs.WaitForAsync(StorageUnavailable, 1, Ct);

        Assert.Equal(1, pruner.LeasesReleased);
    }

    [Fact]
    public async Task A_store_without_a_pruner_logs_once_and_idles()
    {
        var services = NewServices();
        services.AddOAuth2Server().AddStore(_ => new NativeExpiryStore()).AddExpiredDataPruning(o => o.Interval = Interval);
        var service = await StartAsync(services);

        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        _clock.Advance(10 * Interval);

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(NothingToPrune, entry.EventId);
        Assert.Contains(nameof(NativeExpiryStore), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_cache_over_a_store_without_a_pruner_is_no_pruner()
    {
        var services = NewServices();
        services.AddOAuth2Server().AddStore(_ => new NativeExpiryStore()).AddClientCache(TimeSpan.FromSeconds(30)).AddExpiredDataPruning();
        var service = await StartAsync(services);

        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(NothingToPrune, Assert.Single(_logs.Entries).EventId);
    }

    [Fact]
    public async Task A_store_that_prunes_itself_is_pruned_also_behind_a_registered_pruner_lookup()
    {
        var services = NewServices();
        services.AddOAuth2Server().AddInMemoryStorage().AddExpiredDataPruning(o => o.Interval = Interval);
        var service = await StartAsync(services);

        _clock.Advance(Interval);
        var logs = await _logs.WaitForAsync(e => e.Any(x => x.EventId is NothingExpired or Pruned), Ct);

        Assert.Contains(logs, e => e.EventId == Scheduled && e.Message.Contains(nameof(InMemoryStore), StringComparison.Ordinal));
        Assert.False(service.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Disabled_pruning_logs_once_and_never_prunes()
    {
        var pruner = new FakePruner(_clock);
        var service = await StartAsync(pruner, o => o.Enabled = false);

        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        _clock.Advance(10 * Interval);

        Assert.Equal(Disabled, Assert.Single(_logs.Entries).EventId);
        Assert.Empty(pruner.CalledAt);
    }

    [Fact]
    public void Options_bind_from_configuration_and_the_service_is_registered_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OAuth2:Pruning:Enabled"] = "true",
            ["OAuth2:Pruning:Interval"] = "00:00:30",
            ["OAuth2:Pruning:BatchSize"] = "500",
        }).Build();
        var services = NewServices();
        services.AddOAuth2Server().AddInMemoryStorage()
            .AddExpiredDataPruning(configuration.GetSection("OAuth2:Pruning"))
            .AddExpiredDataPruning();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ExpiredDataPruningOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(30), options.Interval);
        Assert.Equal(500, options.BatchSize);
        Assert.Single(provider.GetServices<IHostedService>().OfType<ExpiredDataPruningService>());
    }

    [Theory]
    [InlineData(new string[0], true, 300, 1000)]
    [InlineData(new[] { "--OAuth2:Pruning:Interval=00:00:30", "--OAuth2:Pruning:BatchSize=200" }, true, 30, 200)]
    [InlineData(new[] { "--OAuth2:Pruning:Enabled=false" }, false, 300, 1000)]
    public async Task The_sample_runs_the_pruning_service_with_the_options_under_OAuth2_Pruning(string[] extra, bool enabled, int intervalSeconds, int batchSize)
    {
        await using var app = Sample.Server.SampleServer.BuildApp(["--urls=http://127.0.0.1:0", .. extra]);

        var options = app.Services.GetRequiredService<IOptions<ExpiredDataPruningOptions>>().Value;
        Assert.Single(app.Services.GetServices<IHostedService>().OfType<ExpiredDataPruningService>());
        Assert.Equal(enabled, options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(intervalSeconds), options.Interval);
        Assert.Equal(batchSize, options.BatchSize);
    }

    [Fact]
    public void Defaults_are_five_minutes_and_1000_rows()
    {
        var options = new ExpiredDataPruningOptions();

        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Interval);
        Assert.Equal(1000, options.BatchSize);
        Assert.Null(options.Validate());
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(0.5, 1000)]
    [InlineData(60 * 60 * 25, 1000)]
    [InlineData(60, 0)]
    [InlineData(60, 100_001)]
    public void Invalid_options_fail_at_start_up(double intervalSeconds, int batchSize)
    {
        var services = NewServices();
        services.AddOAuth2Server().AddInMemoryStorage().AddExpiredDataPruning(o =>
        {
            o.Interval = TimeSpan.FromSeconds(intervalSeconds);
            o.BatchSize = batchSize;
        });
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ExpiredDataPruningOptions>>().Value);
        Assert.Throws<OptionsValidationException>(() => provider.GetServices<IHostedService>().ToList());
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private ServiceCollection NewServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
        return services;
    }

    private Task<ExpiredDataPruningService> StartAsync(IExpiredDataPruner pruner, Action<ExpiredDataPruningOptions>? configure = null)
    {
        var services = NewServices();
        services.AddSingleton(pruner);
        services.AddOAuth2Server().AddExpiredDataPruning(o =>
        {
            o.Interval = Interval;
            configure?.Invoke(o);
        });
        return StartAsync(services);
    }

    private async Task<ExpiredDataPruningService> StartAsync(ServiceCollection services)
    {
        _provider = services.BuildServiceProvider();
        var service = _provider.GetServices<IHostedService>().OfType<ExpiredDataPruningService>().Single();
        await service.StartAsync(Ct);
        return service;
    }

    /// <summary>Records each call (time, batch size); removes <see cref="Removes"/> or throws the next queued failure.</summary>
    private class FakePruner(TimeProvider clock) : IExpiredDataPruner
    {
        private readonly Lock _gate = new();
        private readonly List<DateTimeOffset> _calledAt = [];
        private readonly List<int> _batchSizes = [];

        public int Removes { get; init; }

        public bool BlockUntilCancelled { get; init; }

        public Queue<Exception> Failures { get; } = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool ObservedCancellation { get; private set; }

        public IReadOnlyList<DateTimeOffset> CalledAt
        {
            get
            {
                lock (_gate)
                {
                    return [.. _calledAt];
                }
            }
        }

        public IReadOnlyList<int> BatchSizes
        {
            get
            {
                lock (_gate)
                {
                    return [.. _batchSizes];
                }
            }
        }

        public async ValueTask<int> PruneExpiredAsync(int batchSize, CancellationToken cancellationToken)
        {
            Exception? failure;
            lock (_gate)
            {
                _calledAt.Add(clock.GetUtcNow());
                _batchSizes.Add(batchSize);
                Failures.TryDequeue(out failure);
            }

            OnPrune();
            Entered.TrySetResult();
            if (BlockUntilCancelled)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    ObservedCancellation = true;
                    throw;
                }
            }

            return failure is null ? Removes : throw failure;
        }

        protected virtual void OnPrune()
        {
        }
    }

    /// <summary>A pruner with a lease that is granted or not as queued, and counts what it hands out and gets back.</summary>
    private sealed class LeasedFakePruner(TimeProvider clock) : FakePruner(clock), IPruningLease
    {
        private int _held;

        public Queue<bool> LeaseAvailable { get; } = new();

        public int LeaseAttempts { get; private set; }

        public int LeasesReleased { get; private set; }

        public bool LeaseHeldDuringPrune { get; private set; }

        public ValueTask<IAsyncDisposable?> TryAcquirePruningLeaseAsync(CancellationToken cancellationToken)
        {
            LeaseAttempts++;
            if (!LeaseAvailable.TryDequeue(out var available) || !available)
            {
                return ValueTask.FromResult<IAsyncDisposable?>(null);
            }

            _held++;
            return ValueTask.FromResult<IAsyncDisposable?>(new Release(this));
        }

        protected override void OnPrune() => LeaseHeldDuringPrune = _held == 1;

        private sealed class Release(LeasedFakePruner owner) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                owner._held--;
                owner.LeasesReleased++;
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>A store whose backend expires data by itself (as Redis does): no <see cref="IExpiredDataPruner"/>.</summary>
    private sealed class NativeExpiryStore() : DelegatingOAuth2Store(new InMemoryStore());
}
