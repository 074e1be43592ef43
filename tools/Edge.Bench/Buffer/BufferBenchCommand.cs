using System.CommandLine;

namespace Edge.Bench.Buffer;

/// <summary>
/// <c>bench buffer</c>: options map onto <see cref="BenchPhysics"/>; defaults are the documented physics. Deployable
/// mode unless <c>--hindsight</c>: when the scored folder is the calibration folder, cross-validation; otherwise
/// the configuration is fixed on the calibration folder and applied unchanged.
/// </summary>
internal static class BufferBenchCommand
{
    public const string SharedTraces = "../shared/data/nab";
    public const int DefaultFolds = 5;

    public static Command Create()
    {
        var defaults = new BenchPhysics();
        var traces = new Option<string>("--traces") { Description = "Directory searched recursively for timestamp,value CSVs to score.", DefaultValueFactory = _ => SharedTraces };
        var calibration = new Option<string>("--calibration") { Description = "Directory whose traces fix each strategy's configuration (and train learned models). The same folder as --traces means cross-validation.", DefaultValueFactory = _ => SharedTraces };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds when the scored traces are the calibration traces.", DefaultValueFactory = _ => DefaultFolds };
        var hindsight = new Option<bool>("--hindsight") { Description = "Upper reference, not deployable: pick each strategy's knob per trace after seeing it." };
        var output = new Option<string?>("--out") { Description = "Write the JSON report to this file (and the picture beside it as .svg unless --svg is given)." };
        var svg = new Option<string?>("--svg") { Description = "Write the drops-against-memory picture (SVG) to this file." };
        var drain = new Option<double>("--drain-factor") { Description = "Uplink drain per step as a multiple of the trace's mean arrivals.", DefaultValueFactory = _ => defaults.DrainFactor };
        var latency = new Option<int>("--latency") { Description = "Expansion latency L in steps.", DefaultValueFactory = _ => defaults.ExpansionLatency };
        var block = new Option<int>("--block-size") { Description = "Samples per block.", DefaultValueFactory = _ => defaults.BlockSize };
        var ceiling = new Option<int>("--ceiling") { Description = "Ceiling in blocks.", DefaultValueFactory = _ => defaults.CeilingBlocks };
        var budget = new Option<double>("--budget") { Description = "Memory budget as a multiple of the oracle's mean capacity.", DefaultValueFactory = _ => defaults.BudgetFactor };

        var command = new Command("buffer", "Compare static, reactive, predictive and oracle buffer sizing on recorded traces, each strategy with one configuration fixed beforehand.");
        foreach (Option option in new Option[] { traces, calibration, folds, hindsight, output, svg, drain, latency, block, ceiling, budget })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var physics = defaults with
            {
                DrainFactor = parse.GetValue(drain),
                ExpansionLatency = parse.GetValue(latency),
                BlockSize = parse.GetValue(block),
                CeilingBlocks = parse.GetValue(ceiling),
                BudgetFactor = parse.GetValue(budget),
            };
            string? outputFile = parse.GetValue(output);
            string? svgFile = parse.GetValue(svg) ?? (string.IsNullOrEmpty(outputFile) ? null : Path.ChangeExtension(outputFile, ".svg"));
            var run = new Run(parse.GetValue(traces)!, parse.GetValue(calibration)!, parse.GetValue(folds), parse.GetValue(hindsight), physics);
            return Execute(run, outputFile, svgFile);
        });
        return command;
    }

    public static BenchReport Report(Run run)
    {
        IReadOnlyList<Trace> scored = TraceLoader.LoadAll(run.Traces, run.Physics.MeanArrivals);
        if (scored.Count == 0)
        {
            throw new InvalidOperationException($"No CSV files under {Path.GetFullPath(run.Traces)}.");
        }

        if (run.Hindsight)
        {
            return BufferBench.Hindsight(scored, run.Physics);
        }

        Func<IReadOnlyList<Trace>, FoldStrategies> learned = LearnedStrategies.For(run.Physics);
        if (SameFolder(run.Traces, run.Calibration))
        {
            return BufferBench.Deployable(scored, FoldPlan.CrossValidation(scored.Count, run.Folds), run.Physics, learned,
                $"cross-validation over {run.Traces}: trace i (name order) scored in fold i mod {Math.Clamp(run.Folds, 2, scored.Count)}, configured on the other folds");
        }

        // A calibration trace that is also scored (same arrivals) is left out of calibration: nothing is tuned on what is scored.
        var calibration = TraceLoader.LoadAll(run.Calibration, run.Physics.MeanArrivals)
            .Where(c => !scored.Any(s => s.Arrivals.AsSpan().SequenceEqual(c.Arrivals)))
            .ToList();
        if (calibration.Count == 0)
        {
            throw new InvalidOperationException($"No calibration traces under {Path.GetFullPath(run.Calibration)} that are not also scored.");
        }

        return BufferBench.Deployable([.. calibration, .. scored], FoldPlan.Apart(calibration.Count, scored.Count), run.Physics, learned,
            $"{calibration.Count} traces of {run.Calibration}, applied unchanged to {run.Traces}");
    }

    private static int Execute(Run run, string? outputFile, string? svgFile)
    {
        BenchReport report;
        try
        {
            report = Report(run);
        }
        catch (Exception e) when (e is InvalidOperationException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Console.Write(ReportWriter.ToTable(report));
        if (!string.IsNullOrEmpty(outputFile))
        {
            File.WriteAllText(outputFile, ReportWriter.ToJson(report));
            Console.WriteLine($"JSON report: {Path.GetFullPath(outputFile)}");
        }

        if (!string.IsNullOrEmpty(svgFile))
        {
            File.WriteAllText(svgFile, TradeoffChart.ToSvg(report));
            Console.WriteLine($"Picture: {Path.GetFullPath(svgFile)}");
        }

        return 0;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    /// <summary>What to score, what fixes the configuration, and the physics.</summary>
    internal sealed record Run(string Traces, string Calibration, int Folds, bool Hindsight, BenchPhysics Physics);
}
