using System.CommandLine;
using Edge.Node.Mqtt;

namespace Edge.Node.Sim.Fleet;

/// <summary>`run`: start N virtual boards against a broker and take chaos commands from the command line and stdin.</summary>
internal static class FleetCommand
{
    private const string Arrivals = "arrivals";

    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Virtual boards to run.", DefaultValueFactory = _ => 4 };
        var broker = new Option<string>("--broker") { Description = "Broker as host:port.", DefaultValueFactory = _ => "127.0.0.1:1883" };
        var site = new Option<string>("--site") { Description = "Site id in the topic tree.", DefaultValueFactory = _ => Edge.Protocol.Topics.DefaultSite };
        var traces = new Option<string?>("--traces") { Description = "Folder of timestamp,value CSVs, one flow each (default: the shipped traces)." };
        var synthetic = new Option<int>("--synthetic") { Description = "Use this many synthetic bursty flows instead of traces." };
        var rate = new Option<double>("--rate") { Description = "Samples per second per flow (on average, in arrivals mode).", DefaultValueFactory = _ => 20 };
        var mode = new Option<string>("--mode")
        {
            Description = "arrivals: a trace row is an arrival rate (bursts of samples); values: a steady rate, rows are sample values.",
            DefaultValueFactory = _ => Arrivals,
        };
        mode.AcceptOnlyFromAmong(Arrivals, "values");
        var chaos = new Option<string?>("--chaos") { Description = "Schedule, e.g. \"kill sim-002@20s,restart sim-002@40s\"." };
        var duration = new Option<double>("--seconds") { Description = "Stop after this long (0 = until Ctrl+C or stdin closes)." };
        var credentials = new Option<string?>("--credentials")
        {
            Description = "File of the boards' passwords, one \"node-id password\" line each (from edge-gateway nodes add; chmod 600), for a gateway that refuses anonymous clients.",
            HelpName = "file",
        };
        var caFile = new Option<string?>("--ca-file")
        {
            Description = "TLS: the lab CA's certificate (PEM) the broker's must chain to; its certificate must name the --broker host (use port 8883).",
            HelpName = "path",
        };
        caFile.Validators.Add(r =>
        {
            if (r.GetValue(caFile) is { } path && !File.Exists(path))
            {
                r.AddError("--ca-file " + path + ": no such file (the gateway's ca.crt from `edge-gateway certs ca`)");
            }
        });
        var command = new Command("run", "Run virtual boards; type 'kill|pause|resume|restart|corrupt <node>' while it runs.")
        {
            nodes, broker, site, traces, synthetic, rate, mode, chaos, duration, caFile, credentials,
        };
        command.SetAction(parse =>
        {
            string[] hostPort = parse.GetValue(broker)!.Split(':');
            var options = new FleetOptions
            {
                Nodes = parse.GetValue(nodes),
                Site = parse.GetValue(site)!,
                BrokerHost = hostPort[0],
                BrokerPort = hostPort.Length > 1 ? int.Parse(hostPort[1], System.Globalization.CultureInfo.InvariantCulture) : 1883,
                SamplesPerSecond = parse.GetValue(rate),
                Tls = parse.GetValue(caFile) is { } ca ? BrokerTls.FromCaFile(ca) : null,
            };
            if (parse.GetValue(credentials) is { } file)
            {
                try
                {
                    Dictionary<string, string> passwords = SimCredentials.Load(file, [.. Enumerable.Range(1, options.Nodes).Select(SimFleet.NodeId)]);
                    options.Password = id => passwords.GetValueOrDefault(id);
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine("edge-sim: " + e.Message);
                    return 2;
                }
            }

            long start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            int syntheticFlows = parse.GetValue(synthetic);
            string folder = parse.GetValue(traces) ?? FlowSources.ShippedTraces;
            var sources = (syntheticFlows > 0, parse.GetValue(mode) == Arrivals) switch
            {
                (true, true) => FlowSources.ArrivalSynthetic(syntheticFlows, start, options.SamplesPerSecond),
                (true, false) => FlowSources.Synthetic(syntheticFlows, start),
                (false, true) => FlowSources.ArrivalTraces(folder, start, options.SamplesPerSecond),
                (false, false) => FlowSources.FromTraces(folder, start),
            };
            return Run(options, sources, ChaosScript.Parse(parse.GetValue(chaos)), parse.GetValue(duration));
        });
        return command;
    }

    private static int Run(FleetOptions options, IReadOnlyList<IFlowSource> sources, IReadOnlyList<(TimeSpan At, string Line)> schedule, double seconds)
    {
        using var fleet = new SimFleet(options, sources, TimeProvider.System);
        fleet.Start();
        Console.WriteLine("{0} virtual boards, {1} flows, broker {2}:{3}", options.Nodes, sources.Count, options.BrokerHost, options.BrokerPort);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        if (seconds > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        foreach (var (at, line) in schedule)
        {
            _ = Task.Delay(at, stop.Token).ContinueWith(_ => Console.WriteLine(ChaosScript.Apply(fleet, line)), TaskContinuationOptions.OnlyOnRanToCompletion);
        }

        _ = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested && Console.In.ReadLine() is { } line)
            {
                Console.WriteLine(ChaosScript.Apply(fleet, line));
            }
        });
        stop.Token.WaitHandle.WaitOne();
        return 0;
    }
}
