using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.Bench.Buffer;

/// <summary>Writes the bench report as JSON and as a table for people.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(BenchReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToTable(BenchReport report)
    {
        var text = new StringBuilder();
        BenchPhysics p = report.Physics;
        Line(text, $"Buffer bench, {report.Mode} mode: {report.Traces.Count} traces scored; mean {p.MeanArrivals} samples/step, drain {p.DrainPerStep}/step ({p.DrainFactor}x mean), block {p.BlockSize}, floor {p.FloorBlocks}, ceiling {p.CeilingBlocks} blocks, latency L={p.ExpansionLatency}, budget {p.BudgetFactor}x oracle mean capacity");
        Line(text, $"Configuration fixed on: {report.Calibration}");
        Line(text, string.Empty);
        Line(text, $"{"strategy",-24} {"arrived",10} {"dropped",10} {"drop rate",10} {"mean cap",9} {"cap/oracle",10} {"avoidable removed",17} {"knob",8}");
        foreach (StrategyRow row in report.Totals)
        {
            Line(text, $"{row.Strategy,-24} {row.Arrived,10} {row.Dropped,10} {row.DropRate,10:P3} {row.MeanCapacity,9:F1} {row.CapacityVsOracle,10:F2} {Share(row.AvoidableRemoved),17} {Knob(row.Knob, report),8}");
        }

        if (report.Mode == BufferBench.DeployableMode && report.Hindsight.Count > 0)
        {
            Line(text, string.Empty);
            Line(text, "Upper reference, NOT deployable: the same traces with each knob picked per trace after seeing it (hindsight, 1.5x that trace's oracle memory):");
            Line(text, $"{"strategy",-24} {"dropped",10} {"mean cap",9} {"avoidable removed",17}");
            foreach (StrategyRow row in report.Hindsight.Where(r => r.Strategy != BufferBench.Oracle))
            {
                Line(text, $"{row.Strategy,-24} {row.Dropped,10} {row.MeanCapacity,9:F1} {Share(row.AvoidableRemoved),17}");
            }
        }

        Line(text, string.Empty);
        Line(text, $"{"predictor",-14} {"onsets",8} {"precision",10} {"recall",8} {"F1",6} {"lead",6}");
        foreach (ForecastRow row in report.Forecast)
        {
            Line(text, $"{row.Predictor,-14} {row.Onsets,8} {row.Precision,10:F3} {row.Recall,8:F3} {row.F1,6:F3} {row.MeanLeadSteps,6:F2}");
        }

        if (report.Configurations.Count > 0)
        {
            Line(text, string.Empty);
            Line(text, "Configurations (knob per strategy; margin for predictive, fill threshold for reactive, blocks for static):");
            foreach (FoldConfiguration c in report.Configurations)
            {
                string knobs = string.Join(", ", c.Knobs.Select(k => $"{Short(k.Key)} {Knob(k.Value, report)}"));
                Line(text, $"  fold {c.Fold}: calibrated on {c.CalibrationTraces.Count} traces at budget {c.Budget:F1} samples: {knobs}");
            }
        }

        Line(text, string.Empty);
        string[] names = report.Totals.Select(t => t.Strategy).ToArray();
        Line(text, "Dropped per trace (oracle mean capacity in brackets):");
        Line(text, $"{"trace",-56} {"fold",4} {"oracle cap",10} " + string.Join(" ", names.Select(n => $"{Short(n),10}")));
        foreach (TraceReport trace in report.Traces)
        {
            string cells = string.Join(" ", names.Select(n => $"{trace.Strategies.First(s => s.Strategy == n).Dropped,10}"));
            Line(text, $"{trace.Trace,-56} {trace.Fold,4} {trace.OracleMeanCapacity,10:F1} {cells}");
        }

        TargetCheck t = report.Targets;
        Line(text, string.Empty);
        Line(text, $"Best predictive: {t.BestPredictive}, dropped {t.BestPredictiveDropped} (reactive {t.ReactiveDropped}, oracle {t.OracleDropped}): removes {t.AvoidableRemoved:P1} of the avoidable drops (target >= 80 %: {(t.EightyPercentOfAvoidableRemoved ? "met" : "missed")})");
        Line(text, $"Mean memory: best predictive {t.BestMeanCapacity:F1}, reactive {t.ReactiveMeanCapacity:F1}, static {t.StaticMeanCapacity:F1} samples");
        Line(text, $"Fewer drops than static on {t.TracesWhereBestBeatsStatic} of {t.TracesWhereStaticOrBestDrops} traces where either drops; not on: {(t.TracesWhereBestDoesNotBeatStatic.Count == 0 ? "none" : string.Join(", ", t.TracesWhereBestDoesNotBeatStatic))}");
        return text.ToString();
    }

    private static string Share(double? share) => share is null ? "-" : share.Value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Knob(double? knob, BenchReport report) =>
        knob is not null ? knob.Value.ToString("G4", CultureInfo.InvariantCulture) : report.Mode == BufferBench.HindsightMode ? "per trace" : report.Configurations.Count > 1 ? "per fold" : "-";

    private static string Short(string strategy) => strategy.Replace(BufferStrategy.PredictivePrefix, "p-", StringComparison.Ordinal);

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
