using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Config;
using Edge.Node.Pi.Hosting;
using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi;

/// <summary>The Raspberry Pi node: config, storage, agent, MQTT, sources, then run until SIGTERM.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var config = new Option<string>("--config") { Description = "JSON config file.", DefaultValueFactory = _ => PiConfig.DefaultPath };
        var root = new RootCommand("Edge node for the Raspberry Pi: sources -> agent (spilled to disk) -> MQTT -> gateway.") { config };
        root.SetAction(parse => Run(parse.GetValue(config)!));
        return root.Parse(args).Invoke();
    }

    private static int Run(string configPath)
    {
        // 1. Config file.
        PiConfig config;
        try
        {
            config = PiConfig.Load(configPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("edge-node: cannot use " + configPath + ": " + e.Message);
            return 2;
        }

        // 2. Data directory: session file and spill segments.
        Directory.CreateDirectory(config.DataDir);

        // 3. Session store, so sessions keep growing across restarts.
        var sessions = new FileSessionStore(Path.Combine(config.DataDir, "session"));

        // 4. The agent, with the MQTTnet transport it will connect through on its first tick.
        using var stop = new CancellationTokenSource();
        var host = new PiHost(stop);
        var transport = new MqttNetTransport(config.Username, config.Password);
        var agent = new NodeAgent(Settings(config), transport, host, sessions, new Random());

        // 5. Spill reload: every unacknowledged sample goes back into the agent before it connects.
        using var spill = new SpillStore(Path.Combine(config.DataDir, "spill"), config.Fsync);
        foreach (RestoredFlow flow in spill.RestoreInto(agent))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restored flow {flow.Flow}: {flow.Samples} samples from sequence {flow.FirstSequence} (epoch {flow.Epoch}, serving {flow.Serving}{(flow.Complete ? "" : ", over the ceiling: rest dropped")})"));
        }

        // 6. Sources and the status LED, with the spill behind them.
        using var sources = new SourceFactory();
        var parts = new List<ISampleFeed>(sources.Create(config)) { new StatusReport(config.StatusEveryMs, spill, Console.Out) };
        var feed = new SpillingFeed(new CompositeFeed(parts), spill, Console.Error);

        // 7. The runner: receive, sample, spill, tick, on one thread.
        using var runner = new NodeRunner(agent, transport, feed, TimeProvider.System, TimeSpan.FromMilliseconds(config.TickMs));
        runner.Start();
        Console.WriteLine("edge-node " + config.Node + " running on " + RuntimeInformation.OSDescription + " " + RuntimeInformation.ProcessArchitecture
            + " (" + RuntimeInformation.FrameworkDescription + "): site " + config.Site + ", brokers " + string.Join(' ', config.Brokers) + ", data " + config.DataDir);

        // 8. Wait for SIGTERM (systemctl stop), Ctrl+C or a reboot command.
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel(stop)))
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel(stop)))
        {
            stop.Token.WaitHandle.WaitOne();
        }

        // 9. Clean stop: offline state and DISCONNECT, then the spill as it stands.
        runner.Stop(clean: true);
        spill.Sync(agent);
        Console.WriteLine(StatusReport.Line(agent, spill));
        return host.RebootRequested ? PiHost.RestartExitCode : 0;
    }

    private static Action<PosixSignalContext> Cancel(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };

    private static AgentSettings Settings(PiConfig config)
    {
        bool gpio = config.Sources.Any(s => s.Kind == SourceConfig.GpioPulse);
        bool counters = config.Sources.Any(s => s.Kind == SourceConfig.NetCounter);
        var settings = new AgentSettings
        {
            Site = config.Site,
            Node = config.Node,
            Board = config.Board,
            Firmware = typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
            Capabilities = "predict,spill,reboot" + (gpio ? ",gpio" : "") + (counters ? ",netcounters" : ""),
            Brokers = [.. config.Brokers],
            HeartbeatMs = config.HeartbeatMs,
            MaxFlows = config.MaxFlows,
        };
        settings.Buffer.CeilingBlocks = config.CeilingBlocks;
        return settings;
    }
}
