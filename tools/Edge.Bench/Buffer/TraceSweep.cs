using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>One trace: the oracle's run, and every knob value of every strategy.</summary>
internal sealed record TraceSweep(Trace Trace, RunResult Oracle, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> Runs)
{
    public static TraceSweep Run(Trace trace, BenchPhysics physics, IEnumerable<BufferStrategy> strategies)
    {
        BufferSettings settings = physics.ToSettings();
        var oraclePolicy = new OraclePolicy(trace.Arrivals, settings);
        RunResult oracle = StrategyRunner.Run(trace, settings, oraclePolicy, null, oraclePolicy.InitialBlocks, BufferBench.Oracle, 0);
        var runs = new Dictionary<string, IReadOnlyList<RunResult>>(StringComparer.Ordinal);
        foreach (BufferStrategy strategy in strategies)
        {
            runs[strategy.Name] = strategy.Sweep(trace, settings);
        }

        return new TraceSweep(trace, oracle, runs);
    }

    public static IReadOnlyList<TraceSweep> RunAll(IReadOnlyList<Trace> traces, BenchPhysics physics, IReadOnlyList<BufferStrategy> strategies)
    {
        var sweeps = new TraceSweep[traces.Count];
        Parallel.For(0, traces.Count, i => sweeps[i] = Run(traces[i], physics, strategies));
        return sweeps;
    }
}
