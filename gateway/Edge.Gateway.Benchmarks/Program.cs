using BenchmarkDotNet.Running;

// dotnet run -c Release --project gateway/Edge.Gateway.Benchmarks -- --filter '*' --job short --inProcess
BenchmarkSwitcher.FromAssembly(typeof(Edge.Gateway.Benchmarks.IngestBenchmarks).Assembly).Run(args);
