using Edge.Node.Core.Agent;
using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// The buffer bench: for each trace, run the oracle to set the memory budget, sweep every strategy's knob, keep each
/// strategy's best run within the budget, and score each predictor's burst-onset forecasts.
/// </summary>
internal static class BufferBench
{
    public const string Oracle = "oracle";
    public const string Static = "static";
    public const string Reactive = "reactive";

    public static BenchReport Run(IReadOnlyList<Trace> traces, BenchPhysics physics)
    {
        var reports = new TraceReport[traces.Count];
        var forecasts = new ForecastCounts[traces.Count][];
        Parallel.For(0, traces.Count, i => (reports[i], forecasts[i]) = RunTrace(traces[i], physics));

        string[] strategies = reports.Length == 0 ? [] : reports[0].Strategies.Select(s => s.Strategy).ToArray();
        var totals = strategies.Select(name => Total(name, reports, physics)).ToList();
        double oracleTotal = totals.First(t => t.Strategy == Oracle).MeanCapacity;
        totals = totals.Select(t => t with { CapacityVsOracle = Ratio(t.MeanCapacity, oracleTotal) }).ToList();

        var forecastTotals = PredictorCatalog.Names
            .Select((name, p) => forecasts.Select(f => f[p]).Aggregate((a, b) => a.Add(b)))
            .Select(ForecastRow.From)
            .ToList();

        return new BenchReport(physics, totals, forecastTotals, reports, CheckTargets(totals, reports));
    }

    private static (TraceReport, ForecastCounts[]) RunTrace(Trace trace, BenchPhysics physics)
    {
        BufferSettings settings = physics.ToSettings();
        var oraclePolicy = new OraclePolicy(trace.Arrivals, settings);
        RunResult oracle = StrategyRunner.Run(trace, settings, oraclePolicy, null, oraclePolicy.InitialBlocks, Oracle, 0);
        double budget = physics.BudgetFactor * oracle.MeanCapacity;

        var rows = new List<StrategyRow> { Row(oracle, oracle.MeanCapacity, knob: null, overBudget: false) };
        rows.Add(Pick(KnobSweep.Static(trace, settings), budget, oracle.MeanCapacity));
        rows.Add(Pick(KnobSweep.Reactive(trace, settings), budget, oracle.MeanCapacity));
        foreach (string name in PredictorCatalog.Names)
        {
            rows.Add(Pick(KnobSweep.Predictive(trace, settings, name, physics.LookAheadWindow), budget, oracle.MeanCapacity));
        }

        ForecastCounts[] forecast = PredictorCatalog.Names
            .Select(name => ForecastScorer.Score(PredictorCatalog.Create(name), trace.Arrivals, settings.DrainPerStep, settings.ExpansionLatency))
            .ToArray();

        var report = new TraceReport(trace.Name, trace.Arrivals.Length, oracle.MeanCapacity, budget, rows, forecast.Select(ForecastRow.From).ToList());
        return (report, forecast);
    }

    private static StrategyRow Pick(IEnumerable<RunResult> runs, double budget, double oracleMean)
    {
        (RunResult run, bool over) = KnobSweep.PickAtBudget(runs, budget);
        return Row(run, oracleMean, run.Knob, over);
    }

    private static StrategyRow Row(RunResult run, double oracleMean, double? knob, bool overBudget) =>
        new(run.Strategy, run.Dropped, run.Arrived, run.MeanCapacity, run.DropRate, Ratio(run.MeanCapacity, oracleMean), knob, overBudget);

    private static StrategyRow Total(string strategy, IReadOnlyList<TraceReport> reports, BenchPhysics physics)
    {
        var rows = reports.Select(r => (Report: r, Row: r.Strategies.First(s => s.Strategy == strategy))).ToList();
        long dropped = rows.Sum(x => x.Row.Dropped);
        long arrived = rows.Sum(x => x.Row.Arrived);
        long steps = rows.Sum(x => (long)x.Report.Steps);
        double capacitySteps = rows.Sum(x => x.Row.MeanCapacity * x.Report.Steps);
        double mean = steps == 0 ? 0 : capacitySteps / steps;
        return new StrategyRow(strategy, dropped, arrived, mean, arrived == 0 ? 0 : (double)dropped / arrived, 0, null, rows.Any(x => x.Row.OverBudget));
    }

    private static TargetCheck CheckTargets(IReadOnlyList<StrategyRow> totals, IReadOnlyList<TraceReport> reports)
    {
        StrategyRow best = totals.Where(t => t.Strategy.StartsWith("predictive-", StringComparison.Ordinal))
            .OrderBy(t => t.Dropped).ThenBy(t => t.MeanCapacity).First();
        long reactive = totals.First(t => t.Strategy == Reactive).Dropped;
        long oracle = totals.First(t => t.Strategy == Oracle).Dropped;
        double ratio = Times(reactive, best.Dropped);
        double avoidable = Times(reactive - oracle, best.Dropped - oracle);

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

        return new TargetCheck(best.Strategy, best.Dropped, reactive, ratio, ratio >= 5.0, oracle, avoidable, contested, contested - losses.Count, losses);
    }

    private static double Times(long worse, long better) =>
        better <= 0 ? (worse <= 0 ? 1.0 : double.PositiveInfinity) : (double)worse / better;

    private static double Ratio(double value, double reference) => reference == 0 ? 0 : value / reference;
}
