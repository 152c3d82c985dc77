using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OAuth2.Benchmarks.TokenEndpointBenchmarks).Assembly).Run(args);
