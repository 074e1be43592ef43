using System.Text.Json;
using System.Xml.Linq;
using Edge.Bench.Buffer;

namespace Edge.Bench.Tests.Buffer;

[Trait("Category", "Unit")]
public sealed class BufferBenchTests
{
    private static readonly BenchPhysics Physics = new();

    private static BenchReport RunTinyWithHindsight() => BufferBench.Hindsight(TraceLoader.LoadAll(TinyTrace.Directory, Physics.MeanArrivals), Physics);

    [Fact]
    public void With_hindsight_on_the_tiny_trace_the_oracle_drops_nothing_and_predictive_beats_static_which_beats_reactive()
    {
        BenchReport report = RunTinyWithHindsight();
        long Dropped(string strategy) => report.Totals.Single(t => t.Strategy == strategy).Dropped;
        long bestPredictive = report.Totals.Where(t => t.Strategy.StartsWith("predictive-", StringComparison.Ordinal)).Min(t => t.Dropped);

        Assert.Equal(BufferBench.HindsightMode, report.Mode);
        Assert.Equal(0, Dropped(BufferBench.Oracle));
        Assert.True(bestPredictive < Dropped(BufferBench.Static), $"predictive {bestPredictive}, static {Dropped(BufferBench.Static)}");
        Assert.True(Dropped(BufferBench.Static) < Dropped(BufferBench.Reactive), $"static {Dropped(BufferBench.Static)}, reactive {Dropped(BufferBench.Reactive)}");
    }

    [Fact]
    public void With_hindsight_every_strategy_is_compared_within_the_same_memory_budget()
    {
        TraceReport trace = Assert.Single(RunTinyWithHindsight().Traces);
        Assert.Equal(Physics.BudgetFactor * trace.OracleMeanCapacity, trace.Budget, 9);
        Assert.Equal(7, trace.Strategies.Count);
        foreach (StrategyRow row in trace.Strategies)
        {
            Assert.False(row.OverBudget, row.Strategy);
            Assert.True(row.MeanCapacity <= trace.Budget + 1e-9, $"{row.Strategy} holds {row.MeanCapacity} > {trace.Budget}");
            Assert.Equal(trace.Strategies[0].Arrived, row.Arrived);
        }
    }

    [Fact]
    public void The_share_of_avoidable_drops_is_one_for_the_oracle_zero_for_reactive_and_undefined_when_nothing_is_avoidable()
    {
        Assert.Equal(1.0, BufferBench.AvoidableRemoved(1000, 200, 200));
        Assert.Equal(0.0, BufferBench.AvoidableRemoved(1000, 200, 1000));
        Assert.Equal(0.75, BufferBench.AvoidableRemoved(1000, 200, 400));
        Assert.True(BufferBench.AvoidableRemoved(1000, 200, 1400) < 0);
        Assert.Null(BufferBench.AvoidableRemoved(200, 200, 300));
    }

    [Fact]
    public void Cross_validation_never_configures_a_strategy_on_a_trace_it_scores()
    {
        using var folder = new TraceFolder();
        for (int i = 0; i < 6; i++)
        {
            folder.Write($"t{i}.csv", Enumerable.Range(0, 200).Select(t => t % (17 + i) < 3 ? 900.0 : 100.0));
        }

        BenchReport report = BufferBenchCommand.Report(new BufferBenchCommand.Run(folder.Path, folder.Path, 3, false, Physics));

        Assert.Equal(BufferBench.DeployableMode, report.Mode);
        Assert.Equal(6, report.Traces.Count);
        Assert.Equal(3, report.Configurations.Count);
        foreach (TraceReport trace in report.Traces)
        {
            FoldConfiguration configuration = report.Configurations.Single(c => c.Fold == trace.Fold);
            Assert.DoesNotContain(trace.Trace, configuration.CalibrationTraces);
            foreach (StrategyRow row in trace.Strategies.Where(r => r.Strategy != BufferBench.Oracle))
            {
                Assert.Equal(configuration.Knobs[row.Strategy], row.Knob);
            }
        }
    }

    [Fact]
    public void A_folder_apart_is_scored_with_the_configuration_its_calibration_folder_fixed_and_a_shared_trace_is_left_out_of_calibration()
    {
        using var calibration = new TraceFolder();
        using var scored = new TraceFolder();
        double[] shared = Enumerable.Range(0, 150).Select(t => t % 11 < 2 ? 700.0 : 90.0).ToArray();
        calibration.Write("a.csv", Enumerable.Range(0, 150).Select(t => t % 13 < 2 ? 800.0 : 100.0));
        calibration.Write("b.csv", shared);
        scored.Write("b-again.csv", shared);
        scored.Write("c.csv", Enumerable.Range(0, 150).Select(t => t % 7 < 1 ? 600.0 : 80.0));

        BenchReport report = BufferBenchCommand.Report(new BufferBenchCommand.Run(scored.Path, calibration.Path, 5, false, Physics));

        FoldConfiguration configuration = Assert.Single(report.Configurations);
        Assert.Equal(["a.csv"], configuration.CalibrationTraces);
        Assert.Equal(["b-again.csv", "c.csv"], report.Traces.Select(t => t.Trace));
        Assert.All(report.Totals.Where(t => t.Strategy != BufferBench.Oracle), t => Assert.Equal(configuration.Knobs[t.Strategy], t.Knob));
    }

    [Fact]
    public void The_rule_keeps_the_fewest_drops_whose_memory_over_the_calibration_traces_fits_the_budget()
    {
        using var folder = new TraceFolder();
        folder.Write("x.csv", Enumerable.Range(0, 300).Select(t => t % 23 < 4 ? 1200.0 : 60.0));
        folder.Write("y.csv", Enumerable.Range(0, 300).Select(t => t % 31 < 2 ? 900.0 : 110.0));
        IReadOnlyList<Trace> traces = TraceLoader.LoadAll(folder.Path, Physics.MeanArrivals);
        IReadOnlyList<TraceSweep> sweeps = TraceSweep.RunAll(traces, Physics, BufferStrategy.Classical(Physics));
        double budget = DeployableRule.Budget(sweeps, Physics.BudgetFactor);

        foreach (string strategy in sweeps[0].Runs.Keys)
        {
            int chosen = DeployableRule.Choose(sweeps, strategy, Physics.BudgetFactor);
            double memory = DeployableRule.MeanCapacity(sweeps, s => s.Runs[strategy][chosen]);
            long dropped = sweeps.Sum(s => s.Runs[strategy][chosen].Dropped);
            Assert.True(memory <= budget + 1e-9, $"{strategy}: {memory} > {budget}");
            for (int k = 0; k < sweeps[0].Runs[strategy].Count; k++)
            {
                int other = k;
                if (DeployableRule.MeanCapacity(sweeps, s => s.Runs[strategy][other]) <= budget + 1e-9)
                {
                    Assert.True(dropped <= sweeps.Sum(s => s.Runs[strategy][other].Dropped), $"{strategy}: knob {k} drops fewer within the budget");
                }
            }
        }
    }

    [Fact]
    public void The_command_writes_JSON_with_totals_shares_traces_forecasts_and_a_picture()
    {
        using var folder = new TraceFolder();
        string output = System.IO.Path.Combine(folder.Path, "report.json");
        int exit = BufferBenchCommand.Create().Parse(["--traces", TinyTrace.Directory, "--hindsight", "--out", output]).Invoke();
        Assert.Equal(0, exit);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement totals = json.RootElement.GetProperty("totals");
        Assert.Equal(7, totals.GetArrayLength());
        foreach (JsonElement row in totals.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(row.GetProperty("strategy").GetString()));
            Assert.True(row.GetProperty("arrived").GetInt64() > 0);
            Assert.True(row.GetProperty("dropped").GetInt64() >= 0);
            Assert.True(row.GetProperty("meanCapacity").GetDouble() > 0);
            Assert.True(row.TryGetProperty("avoidableRemoved", out _));
        }

        JsonElement trace = json.RootElement.GetProperty("traces")[0];
        Assert.Equal(7, trace.GetProperty("strategies").GetArrayLength());
        JsonElement forecast = trace.GetProperty("forecast");
        Assert.Equal(4, forecast.GetArrayLength());
        foreach (JsonElement row in forecast.EnumerateArray())
        {
            Assert.InRange(row.GetProperty("f1").GetDouble(), 0.0, 1.0);
            Assert.InRange(row.GetProperty("precision").GetDouble(), 0.0, 1.0);
            Assert.InRange(row.GetProperty("recall").GetDouble(), 0.0, 1.0);
            Assert.True(row.GetProperty("meanLeadSteps").GetDouble() >= 0);
            Assert.False(string.IsNullOrEmpty(row.GetProperty("predictor").GetString()));
        }

        XDocument svg = XDocument.Load(System.IO.Path.ChangeExtension(output, ".svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(6, svg.Descendants(ns + "polyline").Count());
    }

    [Fact]
    public void Traces_are_scaled_so_their_mean_is_the_physics_mean()
    {
        Trace trace = Assert.Single(TraceLoader.LoadAll(TinyTrace.Directory, 100));
        Assert.Equal(300, trace.Arrivals.Length);
        Assert.InRange(trace.Arrivals.Average(), 99.0, 101.0);
    }
}
