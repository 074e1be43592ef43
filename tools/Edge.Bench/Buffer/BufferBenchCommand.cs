using System.CommandLine;

namespace Edge.Bench.Buffer;

/// <summary><c>bench buffer</c>: options map onto <see cref="BenchPhysics"/>; defaults are the documented physics.</summary>
internal static class BufferBenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchPhysics();
        var traces = new Option<string>("--traces") { Description = "Directory searched recursively for timestamp,value CSVs.", DefaultValueFactory = _ => "../shared/data/nab" };
        var output = new Option<string?>("--out") { Description = "Write the JSON report to this file." };
        var drain = new Option<double>("--drain-factor") { Description = "Uplink drain per step as a multiple of the trace's mean arrivals.", DefaultValueFactory = _ => defaults.DrainFactor };
        var latency = new Option<int>("--latency") { Description = "Expansion latency L in steps.", DefaultValueFactory = _ => defaults.ExpansionLatency };
        var block = new Option<int>("--block-size") { Description = "Samples per block.", DefaultValueFactory = _ => defaults.BlockSize };
        var ceiling = new Option<int>("--ceiling") { Description = "Ceiling in blocks.", DefaultValueFactory = _ => defaults.CeilingBlocks };
        var budget = new Option<double>("--budget") { Description = "Memory budget as a multiple of the oracle's mean capacity.", DefaultValueFactory = _ => defaults.BudgetFactor };

        var command = new Command("buffer", "Compare static, reactive, predictive and oracle buffer sizing on recorded traces at equal memory.");
        command.Options.Add(traces);
        command.Options.Add(output);
        command.Options.Add(drain);
        command.Options.Add(latency);
        command.Options.Add(block);
        command.Options.Add(ceiling);
        command.Options.Add(budget);
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
            return Execute(parse.GetValue(traces)!, parse.GetValue(output), physics);
        });
        return command;
    }

    private static int Execute(string tracesDirectory, string? outputFile, BenchPhysics physics)
    {
        var traces = TraceLoader.LoadAll(tracesDirectory, physics.MeanArrivals);
        if (traces.Count == 0)
        {
            Console.Error.WriteLine($"No CSV files under {Path.GetFullPath(tracesDirectory)}.");
            return 2;
        }

        BenchReport report = BufferBench.Run(traces, physics);
        Console.Write(ReportWriter.ToTable(report));
        if (!string.IsNullOrEmpty(outputFile))
        {
            File.WriteAllText(outputFile, ReportWriter.ToJson(report));
            Console.WriteLine($"JSON report: {Path.GetFullPath(outputFile)}");
        }

        return 0;
    }
}
