namespace Edge.Bench.Buffer;

/// <summary>
/// The rule that fixes each strategy's one configuration before it meets the traces it is scored on (README.md,
/// "Deployable mode"): on the calibration traces, the memory budget is <c>budget factor x the oracle's mean capacity
/// over all of them</c> (step-weighted); each strategy keeps the knob value with the fewest drops summed over the
/// calibration traces among those whose mean capacity over them fits the budget (ties: less memory). If none fits,
/// the value with the least memory.
/// </summary>
internal static class DeployableRule
{
    public static double Budget(IReadOnlyList<TraceSweep> calibration, double budgetFactor) =>
        budgetFactor * MeanCapacity(calibration, s => s.Oracle);

    /// <summary>The index, in the strategy's knob grid, of the configuration the rule picks.</summary>
    public static int Choose(IReadOnlyList<TraceSweep> calibration, string strategy, double budgetFactor)
    {
        if (calibration.Count == 0)
        {
            throw new ArgumentException("The rule needs at least one calibration trace.", nameof(calibration));
        }

        double budget = Budget(calibration, budgetFactor);
        int grid = calibration[0].Runs[strategy].Count;
        int best = -1;
        long bestDropped = long.MaxValue;
        double bestMemory = double.MaxValue;
        int leanest = 0;
        double leanestMemory = double.MaxValue;
        for (int k = 0; k < grid; k++)
        {
            int knob = k;
            double memory = MeanCapacity(calibration, s => s.Runs[strategy][knob]);
            long dropped = calibration.Sum(s => s.Runs[strategy][knob].Dropped);
            if (memory < leanestMemory)
            {
                leanest = k;
                leanestMemory = memory;
            }

            if (memory <= budget + 1e-9 && (dropped < bestDropped || (dropped == bestDropped && memory < bestMemory)))
            {
                best = k;
                bestDropped = dropped;
                bestMemory = memory;
            }
        }

        return best >= 0 ? best : leanest;
    }

    /// <summary>Mean capacity in samples over several traces, weighted by their steps.</summary>
    public static double MeanCapacity(IEnumerable<TraceSweep> sweeps, Func<TraceSweep, RunResult> run)
    {
        long steps = 0;
        double samples = 0;
        foreach (TraceSweep sweep in sweeps)
        {
            RunResult r = run(sweep);
            steps += r.Steps;
            samples += (double)r.BlockSteps * r.BlockSize;
        }

        return steps == 0 ? 0 : samples / steps;
    }
}
