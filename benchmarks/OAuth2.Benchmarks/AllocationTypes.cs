using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace OAuth2.Benchmarks;

/// <summary>
/// Which types one benchmark method allocates, by the runtime's allocation sampling (an <c>AllocationTick</c> about
/// every 100 KB, so each type's share of samples is its share of bytes): where to look when the total moves.
/// </summary>
internal sealed class AllocationTypes : EventListener
{
    private readonly ConcurrentDictionary<string, int> _samples = new(StringComparer.Ordinal);

    public static void Run(string method)
    {
        var benchmarks = new TokenEndpointBenchmarks();
        benchmarks.Setup();
        var operation = (Func<bool>)Delegate.CreateDelegate(typeof(Func<bool>), benchmarks, method);
        for (var i = 0; i < 50_000; i++)
        {
            operation();
        }

        using var listener = new AllocationTypes();
        const int operations = 400_000;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < operations; i++)
        {
            operation();
        }

        var perOperation = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)operations;
        var total = listener._samples.Values.Sum();
        Console.WriteLine($"{method}: {perOperation:F0} B per operation; {total} samples");
        foreach (var (type, count) in listener._samples.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"{perOperation * count / total,7:F0} B  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
        {
            var index = eventData.PayloadNames!.IndexOf("TypeName");
            _samples.AddOrUpdate(index >= 0 ? payload[index] as string ?? "?" : "?", 1, static (_, n) => n + 1);
        }
    }
}
