using BenchmarkDotNet.Running;
using OAuth2.Benchmarks.Redis;

if (args is ["--interleaved", ..])
{
    await InterleavedComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RedisStoreBenchmarks).Assembly).Run(args);
