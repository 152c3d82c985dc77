using BenchmarkDotNet.Running;

// `--allocations` prints the exact per-request allocation figures; anything else goes to BenchmarkDotNet.
if (args is ["--allocation-types", var method])
{
    OAuth2.Benchmarks.AllocationTypes.Run(method);
    return;
}

if (args is ["--allocations"])
{
    await OAuth2.Benchmarks.AllocationProbe.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OAuth2.Benchmarks.TokenEndpointBenchmarks).Assembly).Run(args);
