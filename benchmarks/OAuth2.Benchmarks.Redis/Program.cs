using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OAuth2.Benchmarks.Redis.RedisStoreBenchmarks).Assembly).Run(args);
