using System.Text.Json;
using Edge.Bench.Buffer;

namespace Edge.Bench.Tests.Buffer;

[Trait("Category", "Unit")]
public sealed class BufferBenchTests
{
    private static readonly BenchPhysics Physics = new();

    private static BenchReport RunTiny() => BufferBench.Run(TraceLoader.LoadAll(TinyTrace.Directory, Physics.MeanArrivals), Physics);

    [Fact]
    public void On_the_tiny_trace_the_oracle_drops_nothing_and_predictive_beats_static_which_beats_reactive()
    {
        BenchReport report = RunTiny();
        long Dropped(string strategy) => report.Totals.Single(t => t.Strategy == strategy).Dropped;
        long bestPredictive = report.Totals.Where(t => t.Strategy.StartsWith("predictive-", StringComparison.Ordinal)).Min(t => t.Dropped);

        Assert.Equal(0, Dropped(BufferBench.Oracle));
        Assert.True(bestPredictive < Dropped(BufferBench.Static), $"predictive {bestPredictive}, static {Dropped(BufferBench.Static)}");
        Assert.True(Dropped(BufferBench.Static) < Dropped(BufferBench.Reactive), $"static {Dropped(BufferBench.Static)}, reactive {Dropped(BufferBench.Reactive)}");
    }

    [Fact]
    public void Every_strategy_is_compared_within_the_same_memory_budget()
    {
        TraceReport trace = Assert.Single(RunTiny().Traces);
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
    public void The_command_writes_JSON_with_totals_traces_and_forecast_fields()
    {
        string output = Path.Combine(Path.GetTempPath(), $"edge-bench-{Guid.NewGuid():N}.json");
        try
        {
            int exit = BufferBenchCommand.Create().Parse(["--traces", TinyTrace.Directory, "--out", output]).Invoke();
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
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Traces_are_scaled_so_their_mean_is_the_physics_mean()
    {
        Trace trace = Assert.Single(TraceLoader.LoadAll(TinyTrace.Directory, 100));
        Assert.Equal(300, trace.Arrivals.Length);
        Assert.InRange(trace.Arrivals.Average(), 99.0, 101.0);
    }
}
