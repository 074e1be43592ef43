using Edge.Node.Core.Agent;
using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// Each strategy has one knob. The sweep runs every value; <see cref="PickAtBudget"/> then keeps, per strategy, the
/// run with the fewest drops whose mean capacity fits the memory budget, so strategies are compared at equal memory.
/// </summary>
internal static class KnobSweep
{
    /// <summary>Fill thresholds 0.02 to 1 in steps of 0.02: fine enough that the budget, not the grid, binds.</summary>
    public static readonly double[] ReactiveThresholds = Enumerable.Range(1, 50).Select(i => i / 50.0).ToArray();

    /// <summary>0, then 1/32 to 64 in steps of 2^(1/4): about 19 % apart, the same relative resolution over the range.</summary>
    public static readonly double[] PredictiveMargins = [0, .. Enumerable.Range(0, 45).Select(i => Math.Pow(2, (i - 20) / 4.0))];

    public static IEnumerable<RunResult> Static(Trace trace, BufferSettings settings)
    {
        for (int blocks = settings.FloorBlocks; blocks <= settings.CeilingBlocks; blocks++)
        {
            yield return StrategyRunner.Run(trace, settings, new StaticPolicy(blocks), null, blocks, "static", blocks);
        }
    }

    public static IEnumerable<RunResult> Reactive(Trace trace, BufferSettings settings)
    {
        foreach (double threshold in ReactiveThresholds)
        {
            yield return StrategyRunner.Run(trace, settings, new ReactivePolicy(threshold), null, settings.FloorBlocks, "reactive", threshold);
        }
    }

    public static IEnumerable<RunResult> Predictive(Trace trace, BufferSettings settings, string predictorName, int lookAheadWindow)
    {
        foreach (double margin in PredictiveMargins)
        {
            var predictor = PredictorCatalog.Create(predictorName);
            var policy = new PredictivePolicy(predictor, margin, lookAheadWindow);
            yield return StrategyRunner.Run(trace, settings, policy, predictor, settings.FloorBlocks, "predictive-" + predictorName, margin);
        }
    }

    /// <summary>Fewest drops within the budget (ties: less memory); if nothing fits, the smallest run, flagged.</summary>
    public static (RunResult Run, bool OverBudget) PickAtBudget(IEnumerable<RunResult> runs, double budget)
    {
        var all = runs.ToList();
        var fitting = all.Where(r => r.MeanCapacity <= budget + 1e-9).ToList();
        if (fitting.Count > 0)
        {
            return (fitting.OrderBy(r => r.Dropped).ThenBy(r => r.MeanCapacity).First(), false);
        }

        return (all.OrderBy(r => r.MeanCapacity).ThenBy(r => r.Dropped).First(), true);
    }
}
