using Edge.Node.Core.Agent;
using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// A sizing strategy as the bench runs it: a name and a sweep of its one knob over a trace. Every sweep uses the same
/// grid on every trace, so run i of one trace and run i of another have the same configuration.
/// </summary>
internal sealed record BufferStrategy(string Name, Func<Trace, BufferSettings, IReadOnlyList<RunResult>> Sweep)
{
    public const string PredictivePrefix = "predictive-";

    public bool IsPredictive => Name.StartsWith(PredictivePrefix, StringComparison.Ordinal);

    /// <summary>static, reactive, then one predictive strategy per predictor of the core's catalog.</summary>
    public static IReadOnlyList<BufferStrategy> Classical(BenchPhysics physics)
    {
        var list = new List<BufferStrategy>
        {
            new(BufferBench.Static, (trace, settings) => KnobSweep.Static(trace, settings).ToList()),
            new(BufferBench.Reactive, (trace, settings) => KnobSweep.Reactive(trace, settings).ToList()),
        };
        foreach (string name in PredictorCatalog.Names)
        {
            list.Add(new(PredictivePrefix + name, (trace, settings) => KnobSweep.Predictive(trace, settings, name, physics.LookAheadWindow).ToList()));
        }

        return list;
    }
}
