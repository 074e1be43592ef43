using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.Bench.Buffer;

namespace Edge.Bench.Pool;

/// <summary><c>bench pool</c>: K flows per node, one pool, one uplink; README.md in this folder.</summary>
internal static class PoolBenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchPhysics();
        var traces = new Option<string>("--traces") { Description = "Directory of timestamp,value CSVs; flows are drawn from it into mixes.", DefaultValueFactory = _ => BufferBenchCommand.SharedTraces };
        var calibration = new Option<string>("--calibration") { Description = "Directory whose traces fix each strategy's knob (the traces of a mix are left out when it is the same folder).", DefaultValueFactory = _ => BufferBenchCommand.SharedTraces };
        var flows = new Option<int>("--flows") { Description = "Flows (traces) per node.", DefaultValueFactory = _ => 4 };
        var budget = new Option<double>("--budget") { Description = "Pool size as a multiple of the oracle's mean total need.", DefaultValueFactory = _ => defaults.BudgetFactor };
        var latency = new Option<int>("--latency") { Description = "Expansion latency L in steps.", DefaultValueFactory = _ => defaults.ExpansionLatency };
        var output = new Option<string?>("--out") { Description = "Write the JSON report to this file." };
        var command = new Command("pool", "Several flows on one node sharing a fixed block pool and one uplink: static split, reactive, predictive, oracle.");
        foreach (Option option in new Option[] { traces, calibration, flows, budget, latency, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var physics = new PoolPhysics(defaults with { BudgetFactor = parse.GetValue(budget), ExpansionLatency = parse.GetValue(latency) }, parse.GetValue(flows));
            string scoredDir = parse.GetValue(traces)!;
            string calibrationDir = parse.GetValue(calibration)!;
            var scored = TraceLoader.LoadAll(scoredDir, physics.Single.MeanArrivals);
            bool same = Path.GetFullPath(scoredDir).TrimEnd('/') == Path.GetFullPath(calibrationDir).TrimEnd('/');
            var calibrationTraces = same ? scored : TraceLoader.LoadAll(calibrationDir, physics.Single.MeanArrivals)
                .Where(c => !scored.Any(s => s.Arrivals.AsSpan().SequenceEqual(c.Arrivals))).ToList();
            PoolReport report = PoolBench.Run(scored, calibrationTraces, same, physics);
            Console.Write(ToTable(report));
            string? file = parse.GetValue(output);
            if (!string.IsNullOrEmpty(file))
            {
                File.WriteAllText(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true }));
                Console.WriteLine($"JSON report: {Path.GetFullPath(file)}");
            }

            return 0;
        });
        return command;
    }

    public static string ToTable(PoolReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        BenchPhysics p = report.Physics.Single;
        Line($"Pool bench: {report.Mixes.Count} mixes of {report.Physics.Flows} flows; per flow mean {p.MeanArrivals}/step, uplink {p.DrainPerStep} x flows, block {p.BlockSize}, latency L={p.ExpansionLatency}, pool {p.BudgetFactor}x the oracle's mean total need");
        Line($"");
        string[] names = report.Totals.Select(t => t.Strategy).ToArray();
        string header = string.Join(" ", names.Select(n => n.Replace(BufferStrategy.PredictivePrefix, "p-", StringComparison.Ordinal).PadLeft(12)));
        Line($"{"mix",-4} {"pool",5} {"steps",6} {header}  traces");
        for (int m = 0; m < report.Mixes.Count; m++)
        {
            MixReport mix = report.Mixes[m];
            string cells = string.Join(" ", names.Select(n => $"{mix.Strategies.First(s => s.Strategy == n).Dropped,12}"));
            Line($"{m,-4} {mix.PoolBlocks,5} {mix.Steps,6} {cells}  {string.Join(", ", mix.Traces.Select(Path.GetFileNameWithoutExtension))}");
        }

        string all = string.Join(" ", report.Totals.Select(r => r.Dropped.ToString(CultureInfo.InvariantCulture).PadLeft(12)));
        Line($"{"all",-4} {"",5} {"",6} {all}");
        PoolTargets t = report.Targets;
        Line($"");
        Line($"Best predictive: {t.BestPredictive}; fewer drops than both static and reactive on {t.MixesWhereBestBeatsBoth} of {t.Mixes} mixes; in total static/best = {t.StaticOverBest:F2}, reactive/best = {t.ReactiveOverBest:F2} (target: every mix and >= 2x: {(t.Met ? "met" : "missed")})");
        return text.ToString();
    }
}
