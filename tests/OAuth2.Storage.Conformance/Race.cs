namespace OAuth2.Storage.Conformance;

/// <summary>Concurrency for the race cases of every suite: callers released together, once all of them are waiting.</summary>
internal static class Race
{
    /// <summary>Runs <paramref name="callers"/> calls on the thread pool, released together once all are waiting.</summary>
    public static async Task<T[]> AllAtOnceAsync<T>(int callers, Func<int, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var tasks = new Task<T>[callers];
        for (var i = 0; i < callers; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                if (Interlocked.Increment(ref waiting) == callers)
                {
                    allWaiting.SetResult();
                }

                await gate.Task;
                return await call(index);
            });
        }

        await allWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
