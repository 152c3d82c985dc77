using BenchmarkDotNet.Running;

// `--allocations` prints the exact per-request allocation figures, `--parsing-growth` how form parsing grows with
// hostile input; anything else goes to BenchmarkDotNet.
if (args is ["--allocation-types", var method])
{
    OAuth2.Benchmarks.AllocationTypes.Run(method);
    return;
}

if (args is ["--parsing-growth"])
{
    OAuth2.Benchmarks.FormParsingProbe.Run();
    return;
}

if (args is ["--allocations"])
{
    await OAuth2.Benchmarks.AllocationProbe.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OAuth2.Benchmarks.TokenEndpointBenchmarks).Assembly).Run(args);
