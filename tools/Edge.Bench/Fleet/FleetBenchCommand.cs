using System.CommandLine;
using System.Globalization;

namespace Edge.Bench.Fleet;

/// <summary>
/// `bench fleet`: N boards on one gateway with no failure injected, for each N: false suspicions and failovers
/// during the start-up storm and over a long steady run, heartbeats sent and received per second, the gateway's
/// CPU and memory, and the data boards' flows checked for loss and duplication at the end.
/// </summary>
internal static class FleetBenchCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "JSON report path.", DefaultValueFactory = _ => "bench-fleet.json" };
        var boards = new Option<string>("--boards") { Description = "Light boards per run, comma-separated.", DefaultValueFactory = _ => "100,1000,5000,10000" };
        var brokers = new Option<string>("--brokers") { Description = "embedded, mosquitto (comma-separated).", DefaultValueFactory = _ => "embedded" };
        var seconds = new Option<double>("--seconds") { Description = "Steady seconds measured after the start-up.", DefaultValueFactory = _ => 600 };
        var settle = new Option<double>("--settle") { Description = "Seconds between every board being live and the steady window.", DefaultValueFactory = _ => 10 };
        var startup = new Option<double?>("--startup-limit") { Description = "Seconds the start-up may take before the steady window starts anyway (default 120 + 1 per 20 boards)." };
        var storm = new Option<int>("--storm") { Description = "Boards connecting at the same time at start-up.", DefaultValueFactory = _ => 1000 };
        var command = new Command("fleet", "N boards heartbeating on one gateway, nothing failing: false suspicions, heartbeats, CPU, memory.")
        {
            output, boards, brokers, seconds, settle, storm, startup,
        };
        command.SetAction(parse => RunAsync(new FleetBenchOptions
        {
            Boards = [.. parse.GetValue(boards)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            Brokers = [.. parse.GetValue(brokers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Seconds = parse.GetValue(seconds),
            SettleSeconds = parse.GetValue(settle),
            Storm = parse.GetValue(storm),
            StartupLimitSeconds = parse.GetValue(startup),
        }, parse.GetValue(output)!));
        return command;
    }

    private static async Task<int> RunAsync(FleetBenchOptions options, string output)
    {
        var log = Console.Out;
        var rows = new List<FleetRow>();
        foreach (string broker in options.Brokers)
        {
            foreach (int n in options.Boards)
            {
                log.WriteLine("fleet: {0} boards on the {1} broker, {2} s steady", n, broker, options.Seconds);
                FleetRow row = await new FleetRun(options, broker, n, log).RunAsync().ConfigureAwait(false);
                log.WriteLine("  {0}: {1} boards, {2}{3}", row.Status, n, row.Broker, row.Detail is null ? "" : " (" + row.Detail + ")");
                rows.Add(row);
                new FleetReport(options, rows).Write(output);
            }
        }

        var report = new FleetReport(options, rows);
        log.WriteLine();
        log.Write(report.Table());
        report.Write(output);
        log.WriteLine("wrote {0}", output);
        return 0;
    }
}
