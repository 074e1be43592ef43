using System.CommandLine;
using System.Globalization;

namespace Edge.Bench.Ingest;

/// <summary>
/// `bench ingest`: in one run, Mosquitto forwarding the nodes' batches at QoS 1 to one subscriber (the anchor) and
/// the gateway committing and acknowledging the same batches (embedded broker, and behind Mosquitto), for each
/// number of publishers and batch size; throughput, sample-to-ack latency saturated and at 80 % of the
/// saturated rate, CPU and memory of each process, and committed = sent checked for every flow.
/// </summary>
internal static class IngestBenchCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "JSON report path.", DefaultValueFactory = _ => "bench-ingest.json" };
        var nodes = new Option<string>("--nodes") { Description = "Publishers per run, comma-separated.", DefaultValueFactory = _ => "10,100,1000,10000" };
        var batches = new Option<string>("--batch") { Description = "Samples per batch, comma-separated.", DefaultValueFactory = _ => "16,256" };
        var modes = new Option<string>("--modes") { Description = "anchor, embedded, mosquitto (comma-separated).", DefaultValueFactory = _ => string.Join(',', IngestMode.All) };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds, saturated and again paced.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds before measuring.", DefaultValueFactory = _ => 3 };
        var window = new Option<int>("--window") { Description = "Unconfirmed batches per node.", DefaultValueFactory = _ => 16 };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions of every run; ratios compare runs of the same repetition.", DefaultValueFactory = _ => 1 };
        var noPaced = new Option<bool>("--no-paced") { Description = "Skip the run at 80 % of the saturated rate." };
        var quick = new Option<bool>("--quick") { Description = "Smoke run: 10 and 100 nodes, 16-sample batches, 3 s (other options ignored)." };
        var command = new Command("ingest", "Edge end to end (commit + ack) against Mosquitto forwarding the same batches.")
        {
            output, nodes, batches, modes, seconds, warmup, window, repeat, noPaced, quick,
        };
        command.SetAction(parse =>
        {
            IngestOptions options = parse.GetValue(quick) ? IngestOptions.Quick : new IngestOptions
            {
                Nodes = Ints(parse.GetValue(nodes)!),
                BatchSamples = Ints(parse.GetValue(batches)!),
                Modes = [.. parse.GetValue(modes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Seconds = parse.GetValue(seconds),
                WarmupSeconds = parse.GetValue(warmup),
                Window = parse.GetValue(window),
                Repeat = parse.GetValue(repeat),
                Paced = !parse.GetValue(noPaced),
            };
            return RunAsync(options, parse.GetValue(output)!);
        });
        return command;
    }

    private static async Task<int> RunAsync(IngestOptions options, string output)
    {
        var log = Console.Out;
        var runs = new List<IngestRow>();
        for (int rep = 1; rep <= options.Repeat; rep++)
        {
            foreach (int batch in options.BatchSamples)
            {
                foreach (int n in options.Nodes)
                {
                    foreach (string mode in options.Modes)
                    {
                        log.WriteLine("run {0}: {1}, {2} nodes, {3}-sample batches", rep, mode, n, batch);
                        IngestRow row = await new IngestRun(options, mode, n, batch, rep, log).RunAsync().ConfigureAwait(false);
                        log.WriteLine("  {0:F0} samples/s, ack p50 {1} ms p99 {2} ms, exact {3}, {4}{5}", row.SamplesPerSec, row.AckP50Ms, row.AckP99Ms,
                            row.Exact, row.Status, row.Detail is null ? "" : ": " + row.Detail);
                        log.WriteLine("  generator: {0} batches sent, {1} resent on request, {2} failed sends, {3} connections lost, {4} rebirths asked; the gateway decoded {5}",
                            row.BatchesSent, row.BatchesResent, row.SendErrors, row.ConnectionsLost, row.Rebirths, row.GatewayDataMessages);
                        runs.Add(row);
                        var partial = new IngestReport(options, runs);
                        partial.Write(output);
                    }
                }
            }
        }

        var report = new IngestReport(options, runs);
        log.WriteLine();
        log.Write(report.Table());
        report.Write(output);
        log.WriteLine("wrote {0}", output);
        return runs.All(r => r.Exact) ? 0 : 1;
    }

    private static int[] Ints(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
