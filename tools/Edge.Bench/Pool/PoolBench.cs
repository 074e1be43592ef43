using Edge.Bench.Buffer;
using Edge.Node.Core.Agent;
using Edge.Node.Core.Buffering;
using Edge.Node.Core.Prediction;

namespace Edge.Bench.Pool;

/// <summary>
/// K flows from K traces on one node: one fixed pool of blocks, one uplink. Every strategy runs through the core's
/// <see cref="PooledBuffers"/> (the allocator the node agent uses) and differs only in what each lane asks for:
/// static (an equal share), reactive, predictive (each lane's own predictor) and the oracle (foresight). Knobs are
/// the ones <c>bench buffer</c>'s deployable rule fixes on calibration traces that are not in the mix.
/// </summary>
internal static class PoolBench
{
    public const string Static = "static";
    public const string Reactive = "reactive";
    public const string Oracle = "oracle";

    public static PoolReport Run(IReadOnlyList<Trace> traces, IReadOnlyList<Trace> calibration, bool sameFolder, PoolPhysics physics)
    {
        IReadOnlyList<int[]> mixes = Mixes(traces.Count, physics.Flows);
        BenchPhysics single = physics.Single;
        IReadOnlyList<BufferStrategy> strategies = BufferStrategy.Classical(single);
        IReadOnlyList<TraceSweep> calibrationSweeps = TraceSweep.RunAll(calibration, single, strategies);
        var rows = new List<MixReport>();
        foreach (int[] mix in mixes)
        {
            // Calibrate on the calibration traces that are not in this mix (all of them when the folders differ).
            HashSet<string> inMix = sameFolder ? mix.Select(i => traces[i].Name).ToHashSet(StringComparer.Ordinal) : [];
            List<TraceSweep> usable = calibrationSweeps.Where(s => !inMix.Contains(s.Trace.Name)).ToList();
            var knobs = strategies.ToDictionary(
                s => s.Name,
                s => usable[0].Runs[s.Name][DeployableRule.Choose(usable, s.Name, single.BudgetFactor)].Knob,
                StringComparer.Ordinal);
            rows.Add(RunMix(mix.Select(i => traces[i]).ToList(), knobs, physics));
        }

        var names = rows[0].Strategies.Select(s => s.Strategy).ToList();
        var totals = names.Select(n => new PoolRow(
            n,
            rows.Sum(r => r.Strategies.First(s => s.Strategy == n).Dropped),
            rows.Sum(r => r.Strategies.First(s => s.Strategy == n).Arrived),
            null)).ToList();
        return new PoolReport(physics, totals, rows, Targets(totals, rows));
    }

    public static MixReport RunMix(IReadOnlyList<Trace> traces, IReadOnlyDictionary<string, double> knobs, PoolPhysics physics)
    {
        int steps = traces.Min(t => t.Arrivals.Length);
        int[][] arrivals = traces.Select(t => t.Arrivals.Take(steps).ToArray()).ToArray();
        long uplink = (long)Math.Round(physics.Single.DrainPerStep * (double)traces.Count);
        BufferSettings probe = Settings(physics, int.MaxValue / physics.Single.BlockSize / 2);
        var oracle = new PoolOracle(arrivals, probe, uplink);
        int poolBlocks = Math.Max(traces.Count * physics.Single.FloorBlocks, (int)Math.Ceiling(physics.Single.BudgetFactor * oracle.MeanTotalNeed));
        BufferSettings settings = Settings(physics, poolBlocks);

        var foresight = new PoolOracle(arrivals, settings, uplink);
        var results = new List<PoolRow>
        {
            Run(Oracle, arrivals, settings, poolBlocks, uplink, foresight.Policy, null),
            Run(Static, arrivals, settings, poolBlocks, uplink, _ => new StaticPolicy(poolBlocks / traces.Count), null),
            Run(Reactive, arrivals, settings, poolBlocks, uplink, _ => new ReactivePolicy(knobs[BufferBench.Reactive]), null),
        };
        foreach (string name in PredictorCatalog.Names)
        {
            string strategy = BufferStrategy.PredictivePrefix + name;
            double margin = knobs[strategy];
            var predictors = new IPredictor[traces.Count];
            results.Add(Run(strategy, arrivals, settings, poolBlocks, uplink, i => new PredictivePolicy(predictors[i] = PredictorCatalog.Create(name), margin, physics.Single.LookAheadWindow), predictors));
        }

        return new MixReport(traces.Select(t => t.Name).ToList(), steps, poolBlocks, uplink, results);
    }

    /// <summary>
    /// Mixes of <paramref name="flows"/> traces: trace i (name order) goes to mix i mod m, m = ceil(n / flows), so each
    /// mix draws from across the folder; short mixes are filled from the start of the list.
    /// </summary>
    public static IReadOnlyList<int[]> Mixes(int traces, int flows)
    {
        if (traces < flows || flows < 1)
        {
            throw new ArgumentException($"Need at least {flows} traces for mixes of {flows}.");
        }

        int m = (traces + flows - 1) / flows;
        var mixes = Enumerable.Range(0, m).Select(_ => new List<int>()).ToList();
        for (int i = 0; i < traces; i++)
        {
            mixes[i % m].Add(i);
        }

        int fill = 0;
        foreach (List<int> mix in mixes)
        {
            while (mix.Count < flows)
            {
                int candidate = fill++ % traces;
                if (!mix.Contains(candidate))
                {
                    mix.Add(candidate);
                }
            }
        }

        return mixes.Select(m => m.ToArray()).ToList();
    }

    private static BufferSettings Settings(PoolPhysics physics, int poolBlocks)
    {
        BufferSettings settings = physics.Single.ToSettings();
        settings.CeilingBlocks = poolBlocks;
        return settings;
    }

    private static PoolRow Run(
        string strategy, int[][] arrivals, BufferSettings settings, int poolBlocks, long uplink, Func<int, ICapacityPolicy> policy, IPredictor[]? predictors)
    {
        var policies = Enumerable.Range(0, arrivals.Length).Select(policy).ToArray();
        var pool = new PooledBuffers(settings, policies, poolBlocks, uplink);
        var step = new int[arrivals.Length];
        for (int t = 0; t < arrivals[0].Length; t++)
        {
            for (int i = 0; i < arrivals.Length; i++)
            {
                step[i] = arrivals[i][t];
                predictors?[i].Update(step[i]);
            }

            pool.Step(step);
            if (pool.CapacityBlocks > poolBlocks)
            {
                throw new InvalidOperationException($"{strategy} holds {pool.CapacityBlocks} blocks of a {poolBlocks}-block pool at step {t}.");
            }
        }

        long dropped = Enumerable.Range(0, arrivals.Length).Sum(i => pool.Lane(i).Ledger.Dropped);
        long arrived = Enumerable.Range(0, arrivals.Length).Sum(i => pool.Lane(i).Ledger.Arrived);
        return new PoolRow(strategy, dropped, arrived, null);
    }

    private static PoolTargets Targets(IReadOnlyList<PoolRow> totals, IReadOnlyList<MixReport> mixes)
    {
        PoolRow best = totals.Where(t => t.Strategy.StartsWith(BufferStrategy.PredictivePrefix, StringComparison.Ordinal)).OrderBy(t => t.Dropped).First();
        long Dropped(IReadOnlyList<PoolRow> rows, string name) => rows.First(r => r.Strategy == name).Dropped;
        int beatsBoth = mixes.Count(m => Dropped(m.Strategies, best.Strategy) < Math.Min(Dropped(m.Strategies, Static), Dropped(m.Strategies, Reactive))
            || Dropped(m.Strategies, Static) + Dropped(m.Strategies, Reactive) == 0);
        double overStatic = Times(Dropped(totals, Static), best.Dropped);
        double overReactive = Times(Dropped(totals, Reactive), best.Dropped);
        return new PoolTargets(best.Strategy, beatsBoth, mixes.Count, overStatic, overReactive, beatsBoth == mixes.Count && Math.Min(overStatic, overReactive) >= 2.0);
    }

    private static double Times(long worse, long better) => better <= 0 ? (worse <= 0 ? 1.0 : double.PositiveInfinity) : (double)worse / better;
}
