using System.CommandLine;
using Edge.Bench.Harness;
using Edge.Node.Sim.Fleet;

namespace Edge.Bench.Failover;

/// <summary>
/// `bench failover`: the real gateway and broker on loopback, simulated boards replaying the shared traces;
/// false suspicions over a quiet run, then abrupt and silent kills, then a drain that checks every sample
/// arrived once; and the balancing strategies compared on one sequence of fleet events.
/// </summary>
internal static class FailoverBenchCommand
{
    public static Command Create()
    {
        var traces = new Option<string>("--traces") { Description = "Folder of timestamp,value CSVs.", DefaultValueFactory = _ => Path.Combine("..", "shared", "data", "nab") };
        var output = new Option<string>("--out") { Description = "JSON report path.", DefaultValueFactory = _ => "bench-failover.json" };
        var kills = new Option<int>("--kills") { Description = "Kills of each kind.", DefaultValueFactory = _ => 50 };
        var nodes = new Option<int>("--nodes") { Description = "Virtual boards.", DefaultValueFactory = _ => 4 };
        var flows = new Option<int>("--flows") { Description = "Flows (one trace each).", DefaultValueFactory = _ => 8 };
        var quiet = new Option<double>("--quiet-seconds") { Description = "Run without failures, counting false suspicions.", DefaultValueFactory = _ => 60 };
        var command = new Command("failover", "Failover time, false suspicions, loss and duplication, balancing strategies.")
        {
            traces, output, kills, nodes, flows, quiet,
        };
        command.SetAction(parse => RunAsync(
            parse.GetValue(traces)!, parse.GetValue(output)!, parse.GetValue(kills), parse.GetValue(nodes), parse.GetValue(flows), parse.GetValue(quiet)));
        return command;
    }

    private static async Task<int> RunAsync(string traceFolder, string output, int kills, int nodes, int flowCount, double quietSeconds)
    {
        var log = Console.Out;
        using var gateway = await GatewayUnderTest.StartAsync("0-" + (flowCount - 1)).ConfigureAwait(false);
        long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var sources = FlowSources.FromTraces(traceFolder, start).Take(flowCount).ToList();
        sources.AddRange(FlowSources.Synthetic(flowCount - sources.Count, start, sources.Count));
        var options = new FleetOptions { Nodes = nodes, BrokerPort = gateway.MqttPort, SamplesPerSecond = 20, BatchMs = 100, HeartbeatJitterMs = 50 };
        using var fleet = new SimFleet(options, sources, TimeProvider.System);
        fleet.Start();
        await using var watcher = await DataWatcher.StartAsync(gateway.MqttPort, options.Site).ConfigureAwait(false);
        var flowIds = sources.Select(s => s.Flow).ToList();
        var campaign = new KillCampaign(fleet, watcher, flowIds);

        log.WriteLine("quiet run: {0} s with heartbeats every 250 ms ± 50 ms and no failures", quietSeconds);
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        long before = await gateway.FailoversAsync().ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(quietSeconds)).ConfigureAwait(false);
        long falseSuspicions = await gateway.FailoversAsync().ConfigureAwait(false) - before;

        log.WriteLine("abrupt kills: {0}", kills);
        var abrupt = await campaign.RunAsync(kills, silent: false, log.WriteLine).ConfigureAwait(false);
        log.WriteLine("silent kills: {0}", kills);
        var silent = await campaign.RunAsync(kills, silent: true, log.WriteLine).ConfigureAwait(false);

        var (lost, duplicated) = await SimDrain.RunAsync(gateway, fleet, sources, log).ConfigureAwait(false);
        var strategies = StrategyComparison.Run([.. sources.Select(MeanLoad)], flows: 32, rounds: 400, seed: 1);
        var report = new FailoverReport(LatencySummary.Of(abrupt), LatencySummary.Of(silent), lost, duplicated, falseSuspicions, quietSeconds, strategies);
        report.Print(log);
        report.Write(output);
        log.WriteLine("wrote {0}", output);
        return 0;
    }

    // A flow's balancing load: log-scaled mean of its first rows, so a byte counter and a CPU percentage differ
    // in load without one dwarfing all others.
    private static double MeanLoad(IFlowSource source) =>
        1 + Math.Log2(1 + Math.Abs(Enumerable.Range(0, 500).Average(i => source.ValueAt(i))));
}
