using Edge.Node.Core.Agent;
using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// The buffer bench. Every strategy's knob is swept on every trace; what differs between modes is which run counts.
/// Deployable (the default): one configuration per strategy, fixed by <see cref="DeployableRule"/> on calibration
/// traces and applied unchanged to traces it never saw. Hindsight: per trace, the best run within 1.5x the oracle's
/// memory on that trace, after seeing it (the upper reference the bench used to report).
/// </summary>
internal static class BufferBench
{
    public const string Oracle = "oracle";
    public const string Static = "static";
    public const string Reactive = "reactive";
    public const string DeployableMode = "deployable";
    public const string HindsightMode = "hindsight";

    /// <summary>Per-trace picks with hindsight over the classical strategies.</summary>
    public static BenchReport Hindsight(IReadOnlyList<Trace> traces, BenchPhysics physics)
    {
        IReadOnlyList<BufferStrategy> strategies = BufferStrategy.Classical(physics);
        IReadOnlyList<TraceSweep> sweeps = TraceSweep.RunAll(traces, physics, strategies);
        string[] names = strategies.Select(s => s.Name).ToArray();
        var reports = new List<TraceReport>();
        var forecasts = new List<ForecastCounts[]>();
        foreach (TraceSweep sweep in sweeps)
        {
            double budget = physics.BudgetFactor * sweep.Oracle.MeanCapacity;
            var runs = names.ToDictionary(n => n, n => KnobSweep.PickAtBudget(sweep.Runs[n], budget), StringComparer.Ordinal);
            ForecastCounts[] forecast = ScoreForecasts(sweep.Trace, physics, Classical());
            forecasts.Add(forecast);
            reports.Add(TraceRows(sweep, 0, budget, names, n => runs[n].Run, n => runs[n].OverBudget, forecast));
        }

        IReadOnlyList<StrategyRow> totals = Totals(names, reports, knobs: null);
        return new BenchReport(
            HindsightMode,
            "none: each trace's knob is picked after seeing that trace",
            physics,
            totals,
            SumForecasts(forecasts),
            reports,
            CheckTargets(totals, reports),
            [],
            totals,
            Curves(names, sweeps.Select(s => (s, (IReadOnlyDictionary<string, IReadOnlyList<RunResult>>)s.Runs)).ToList()));
    }

    /// <summary>
    /// Deployable mode over <paramref name="traces"/>: each plan fixes every strategy's knob on its calibration
    /// traces and scores its evaluation traces with it. <paramref name="foldStrategies"/> adds what is built from a
    /// plan's calibration traces alone (a trained model).
    /// </summary>
    public static BenchReport Deployable(
        IReadOnlyList<Trace> traces,
        IReadOnlyList<FoldPlan> plans,
        BenchPhysics physics,
        Func<IReadOnlyList<Trace>, FoldStrategies> foldStrategies,
        string calibration)
    {
        IReadOnlyList<BufferStrategy> classical = BufferStrategy.Classical(physics);
        IReadOnlyList<TraceSweep> sweeps = TraceSweep.RunAll(traces, physics, classical);
        var reports = new List<TraceReport>();
        var forecasts = new List<ForecastCounts[]>();
        var configurations = new List<FoldConfiguration>();
        var scored = new List<(TraceSweep Sweep, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> Runs)>();
        string[] names = [];
        foreach (FoldPlan plan in plans)
        {
            FoldStrategies extra = foldStrategies(plan.Calibration.Select(i => traces[i]).ToList());
            var foldSweeps = new Dictionary<int, TraceSweep>();
            foreach (int i in plan.Calibration.Concat(plan.Evaluation))
            {
                foldSweeps[i] = WithExtra(sweeps[i], physics, extra.Strategies);
            }

            names = [.. classical.Select(s => s.Name), .. extra.Strategies.Select(s => s.Name)];
            List<TraceSweep> calibrationSweeps = plan.Calibration.Select(i => foldSweeps[i]).ToList();
            var knobIndex = names.ToDictionary(n => n, n => DeployableRule.Choose(calibrationSweeps, n, physics.BudgetFactor), StringComparer.Ordinal);
            double budget = DeployableRule.Budget(calibrationSweeps, physics.BudgetFactor);
            configurations.Add(new FoldConfiguration(
                plan.Fold,
                calibrationSweeps.Select(s => s.Trace.Name).ToList(),
                budget,
                names.ToDictionary(n => n, n => calibrationSweeps[0].Runs[n][knobIndex[n]].Knob, StringComparer.Ordinal)));

            foreach (int i in plan.Evaluation)
            {
                TraceSweep sweep = foldSweeps[i];
                ForecastCounts[] forecast = ScoreForecasts(sweep.Trace, physics, [.. Classical(), .. extra.Predictors]);
                forecasts.Add(forecast);
                reports.Add(TraceRows(sweep, plan.Fold, physics.BudgetFactor * sweep.Oracle.MeanCapacity, names, n => sweep.Runs[n][knobIndex[n]], _ => false, forecast));
                scored.Add((sweep, sweep.Runs));
            }
        }

        IReadOnlyList<double>? knobs = configurations.Count == 1 ? names.Select(n => configurations[0].Knobs[n]).ToList() : null;
        IReadOnlyList<StrategyRow> totals = Totals(names, reports, knobs);
        IReadOnlyList<StrategyRow> hindsight = HindsightTotals(names, scored.Select(s => s.Sweep).ToList(), physics);
        return new BenchReport(
            DeployableMode,
            calibration,
            physics,
            totals,
            SumForecasts(forecasts),
            reports,
            CheckTargets(totals, reports),
            configurations,
            hindsight,
            Curves(names, scored));
    }

    /// <summary>Share of the avoidable drops removed: (reactive - strategy) / (reactive - oracle); null when nothing is avoidable.</summary>
    public static double? AvoidableRemoved(long reactive, long oracle, long strategy) =>
        reactive > oracle ? (double)(reactive - strategy) / (reactive - oracle) : null;

    private static IReadOnlyList<NamedPredictor> Classical() =>
        PredictorCatalog.Names.Select(n => new NamedPredictor(n, () => PredictorCatalog.Create(n))).ToList();

    private static TraceSweep WithExtra(TraceSweep sweep, BenchPhysics physics, IReadOnlyList<BufferStrategy> extra)
    {
        if (extra.Count == 0)
        {
            return sweep;
        }

        BufferSettings settings = physics.ToSettings();
        var runs = new Dictionary<string, IReadOnlyList<RunResult>>(sweep.Runs, StringComparer.Ordinal);
        foreach (BufferStrategy strategy in extra)
        {
            runs[strategy.Name] = strategy.Sweep(sweep.Trace, settings);
        }

        return sweep with { Runs = runs };
    }

    private static ForecastCounts[] ScoreForecasts(Trace trace, BenchPhysics physics, IReadOnlyList<NamedPredictor> predictors)
    {
        BufferSettings settings = physics.ToSettings();
        return predictors
            .Select(p => ForecastScorer.Score(p.Create(), trace.Arrivals, settings.DrainPerStep, settings.ExpansionLatency) with { Predictor = p.Name })
            .ToArray();
    }

    private static List<ForecastRow> SumForecasts(List<ForecastCounts[]> forecasts) =>
        forecasts.Count == 0
            ? []
            : Enumerable.Range(0, forecasts[0].Length)
                .Select(p => forecasts.Select(f => f[p]).Aggregate((a, b) => a.Add(b)))
                .Select(ForecastRow.From)
                .ToList();

    private static TraceReport TraceRows(
        TraceSweep sweep, int fold, double budget, string[] names, Func<string, RunResult> pick, Func<string, bool> overBudget, ForecastCounts[] forecast)
    {
        RunResult oracle = sweep.Oracle;
        long reactive = pick(Reactive).Dropped;
        var rows = new List<StrategyRow> { Row(oracle, oracle.MeanCapacity, null, false, AvoidableRemoved(reactive, oracle.Dropped, oracle.Dropped)) };
        foreach (string name in names)
        {
            RunResult run = pick(name);
            rows.Add(Row(run, oracle.MeanCapacity, run.Knob, overBudget(name), AvoidableRemoved(reactive, oracle.Dropped, run.Dropped)));
        }

        return new TraceReport(sweep.Trace.Name, sweep.Trace.Arrivals.Length, fold, oracle.MeanCapacity, budget, rows, forecast.Select(ForecastRow.From).ToList());
    }

    private static StrategyRow Row(RunResult run, double oracleMean, double? knob, bool overBudget, double? avoidable) =>
        new(run.Strategy, run.Dropped, run.Arrived, run.MeanCapacity, run.DropRate, Ratio(run.MeanCapacity, oracleMean), knob, overBudget, avoidable);

    private static IReadOnlyList<StrategyRow> Totals(string[] names, IReadOnlyList<TraceReport> reports, IReadOnlyList<double>? knobs)
    {
        var totals = new List<StrategyRow>();
        string[] all = [Oracle, .. names];
        for (int n = 0; n < all.Length; n++)
        {
            string strategy = all[n];
            var rows = reports.Select(r => (Report: r, Row: r.Strategies.First(s => s.Strategy == strategy))).ToList();
            long dropped = rows.Sum(x => x.Row.Dropped);
            long arrived = rows.Sum(x => x.Row.Arrived);
            long steps = rows.Sum(x => (long)x.Report.Steps);
            double capacitySteps = rows.Sum(x => x.Row.MeanCapacity * x.Report.Steps);
            double mean = steps == 0 ? 0 : capacitySteps / steps;
            double? knob = knobs is null || n == 0 ? null : knobs[n - 1];
            totals.Add(new StrategyRow(strategy, dropped, arrived, mean, arrived == 0 ? 0 : (double)dropped / arrived, 0, knob, rows.Any(x => x.Row.OverBudget), null));
        }

        long reactive = totals.First(t => t.Strategy == Reactive).Dropped;
        long oracle = totals[0].Dropped;
        double oracleMean = totals[0].MeanCapacity;
        return totals.Select(t => t with { CapacityVsOracle = Ratio(t.MeanCapacity, oracleMean), AvoidableRemoved = AvoidableRemoved(reactive, oracle, t.Dropped) }).ToList();
    }

    private static IReadOnlyList<StrategyRow> HindsightTotals(string[] names, IReadOnlyList<TraceSweep> sweeps, BenchPhysics physics)
    {
        var reports = new List<TraceReport>();
        foreach (TraceSweep sweep in sweeps)
        {
            double budget = physics.BudgetFactor * sweep.Oracle.MeanCapacity;
            var runs = names.ToDictionary(n => n, n => KnobSweep.PickAtBudget(sweep.Runs[n], budget), StringComparer.Ordinal);
            reports.Add(TraceRows(sweep, 0, budget, names, n => runs[n].Run, n => runs[n].OverBudget, []));
        }

        return Totals(names, reports, knobs: null);
    }

    private static IReadOnlyList<CurvePoint> Curves(string[] names, IReadOnlyList<(TraceSweep Sweep, IReadOnlyDictionary<string, IReadOnlyList<RunResult>> Runs)> scored)
    {
        var points = new List<CurvePoint>();
        if (scored.Count == 0)
        {
            return points;
        }

        foreach (string name in names)
        {
            int grid = scored[0].Runs[name].Count;
            for (int k = 0; k < grid; k++)
            {
                int knob = k;
                long dropped = scored.Sum(s => s.Runs[name][knob].Dropped);
                long steps = scored.Sum(s => s.Runs[name][knob].Steps);
                double samples = scored.Sum(s => (double)s.Runs[name][knob].BlockSteps * s.Runs[name][knob].BlockSize);
                double memory = steps == 0 ? 0 : samples / steps;
                points.Add(new CurvePoint(name, k, dropped, memory));
            }
        }

        return points;
    }

    private static TargetCheck CheckTargets(IReadOnlyList<StrategyRow> totals, IReadOnlyList<TraceReport> reports)
    {
        StrategyRow best = totals.Where(t => t.Strategy.StartsWith(BufferStrategy.PredictivePrefix, StringComparison.Ordinal))
            .OrderBy(t => t.Dropped).ThenBy(t => t.MeanCapacity).First();
        StrategyRow reactive = totals.First(t => t.Strategy == Reactive);
        StrategyRow stat = totals.First(t => t.Strategy == Static);
        long oracle = totals.First(t => t.Strategy == Oracle).Dropped;
        double removed = AvoidableRemoved(reactive.Dropped, oracle, best.Dropped) ?? 1.0;

        int contested = 0;
        var losses = new List<string>();
        foreach (TraceReport report in reports)
        {
            long bestDropped = report.Strategies.First(s => s.Strategy == best.Strategy).Dropped;
            long staticDropped = report.Strategies.First(s => s.Strategy == Static).Dropped;
            if (bestDropped == 0 && staticDropped == 0)
            {
                continue;
            }

            contested++;
            if (bestDropped >= staticDropped)
            {
                losses.Add(report.Trace);
            }
        }

        return new TargetCheck(best.Strategy, best.Dropped, reactive.Dropped, oracle, removed, removed >= 0.8, best.MeanCapacity, reactive.MeanCapacity, stat.MeanCapacity, contested, contested - losses.Count, losses);
    }

    private static double Ratio(double value, double reference) => reference == 0 ? 0 : value / reference;
}
