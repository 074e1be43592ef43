using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Bench.Buffer;

/// <summary>Replays one trace through one policy, checking the buffer's invariants at every step.</summary>
internal static class StrategyRunner
{
    public static RunResult Run(Trace trace, BufferSettings settings, ICapacityPolicy policy, IPredictor? predictor, int initialBlocks, string strategy, double knob)
    {
        var buffer = new PredictiveBuffer(settings, policy, initialBlocks);
        int[] arrivals = trace.Arrivals;
        for (int t = 0; t < arrivals.Length; t++)
        {
            predictor?.Update(arrivals[t]);
            buffer.Step(0, arrivals[t]);
            BufferLedger ledger = buffer.Ledger;
            if (!ledger.IsBalanced || buffer.CapacityBlocks > settings.CeilingBlocks || ledger.Buffered > buffer.CapacitySamples)
            {
                throw new InvalidOperationException($"Buffer invariant broken by {strategy} on {trace.Name} at step {t}.");
            }
        }

        BufferLedger final = buffer.Ledger;
        return new RunResult(strategy, knob, final.Arrived, final.Dropped, buffer.Budget.BlockSteps, buffer.Budget.Steps, settings.BlockSize);
    }
}
