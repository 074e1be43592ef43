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
        Line(text, $"Buffer bench: {report.Traces.Count} traces; mean {p.MeanArrivals} samples/step, drain {p.DrainPerStep}/step ({p.DrainFactor}x mean), block {p.BlockSize}, floor {p.FloorBlocks}, ceiling {p.CeilingBlocks} blocks, latency L={p.ExpansionLatency}, budget {p.BudgetFactor}x oracle mean capacity per trace");
        Line(text, string.Empty);
        Line(text, $"{"strategy",-22} {"arrived",12} {"dropped",10} {"drop rate",10} {"mean cap",10} {"cap/oracle",10}");
        foreach (StrategyRow row in report.Totals)
        {
            Line(text, $"{row.Strategy,-22} {row.Arrived,12} {row.Dropped,10} {row.DropRate,10:P3} {row.MeanCapacity,10:F1} {row.CapacityVsOracle,10:F2}{(row.OverBudget ? "  (over budget on some trace)" : string.Empty)}");
        }

        Line(text, string.Empty);
        Line(text, $"{"predictor",-12} {"onsets",8} {"precision",10} {"recall",8} {"F1",6} {"lead",6}");
        foreach (ForecastRow row in report.Forecast)
        {
            Line(text, $"{row.Predictor,-12} {row.Onsets,8} {row.Precision,10:F3} {row.Recall,8:F3} {row.F1,6:F3} {row.MeanLeadSteps,6:F2}");
        }

        Line(text, string.Empty);
        string[] names = report.Totals.Select(t => t.Strategy).ToArray();
        Line(text, "Dropped per trace at the budget (oracle mean capacity in brackets):");
        Line(text, $"{"trace",-58} {"oracle cap",10} " + string.Join(" ", names.Select(n => $"{Short(n),9}")));
        foreach (TraceReport trace in report.Traces)
        {
            string cells = string.Join(" ", names.Select(n => $"{trace.Strategies.First(s => s.Strategy == n).Dropped,9}"));
            Line(text, $"{trace.Trace,-58} {trace.OracleMeanCapacity,10:F1} {cells}");
        }

        TargetCheck t = report.Targets;
        Line(text, string.Empty);
        Line(text, $"Best predictive: {t.BestPredictive}, dropped {t.BestPredictiveDropped} vs reactive {t.ReactiveDropped}: reactive/best = {t.ReactiveOverBestRatio:F2} (target >= 5: {(t.FiveTimesFewerThanReactive ? "met" : "missed")})");
        Line(text, $"Drops above the oracle's {t.OracleDropped} (unavoidable under the ceiling): reactive/best = {t.AvoidableRatio:F2}");
        Line(text, $"Fewer drops than static on {t.TracesWhereBestBeatsStatic} of {t.TracesWhereStaticOrBestDrops} traces where either drops; not on: {(t.TracesWhereBestDoesNotBeatStatic.Count == 0 ? "none" : string.Join(", ", t.TracesWhereBestDoesNotBeatStatic))}");
        return text.ToString();
    }

    private static string Short(string strategy) => strategy.Replace("predictive-", "p-", StringComparison.Ordinal);

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
