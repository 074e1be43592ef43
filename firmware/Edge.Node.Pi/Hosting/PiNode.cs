using System.Device.I2c;
using System.Globalization;
using System.Runtime.InteropServices;
using Edge.Node.Core.Agent;
using Edge.Node.Mqtt;
using Edge.Node.Pi.Config;
using Edge.Node.Pi.Storage;

namespace Edge.Node.Pi.Hosting;

/// <summary>
/// One running Pi node: data directory, session store, agent with its MQTTnet transport, spill reload, sources and
/// the runner thread. <see cref="Start"/> refuses what cannot work with one InvalidDataException line (a data
/// directory it cannot write, a replay file that is not there, an unknown interface, GPIO without libgpiod);
/// <see cref="Stop"/> says offline, disconnects and leaves the spill as it stands. The I2C opener is a parameter so
/// a test can put a register-level fake of a sensor where the bus would be.
/// </summary>
internal sealed class PiNode : IDisposable
{
    private readonly SpillStore _spill;
    private readonly SourceFactory _sources;
    private readonly NodeRunner _runner;
    private readonly NodeAgent _agent;
    private readonly TextWriter _output;

    private PiNode(SpillStore spill, SourceFactory sources, NodeRunner runner, NodeAgent agent, PiHost host, TextWriter output)
    {
        _spill = spill;
        _sources = sources;
        _runner = runner;
        _agent = agent;
        Host = host;
        _output = output;
    }

    public PiHost Host { get; }

    public NodeRunner Runner => _runner;

    public static PiNode Start(PiConfig config, CancellationTokenSource stop, Func<I2cConnectionSettings, I2cDevice> openI2c, TextWriter output, TextWriter errors)
    {
        // 1. Data directory: session file and spill segments.
        string spillDirectory = Path.Combine(config.DataDir, "spill");
        try
        {
            Directory.CreateDirectory(spillDirectory);
            string probe = Path.Combine(config.DataDir, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidDataException("dataDir " + config.DataDir + " cannot be created or written (" + e.Message + ")", e);
        }

        // 2. Session store, so sessions keep growing across restarts (and past a lost session file).
        var sessions = new FileSessionStore(Path.Combine(config.DataDir, "session"));

        // 3. The agent, with the MQTTnet transport it will connect through on its first tick.
        var host = new PiHost(stop);
        BrokerTls? tls = config.CaFile is { } caFile ? BrokerTls.FromCaFile(caFile) : null;
        var transport = new MqttNetTransport(config.Username, config.Password, tls: tls);
        var agent = new NodeAgent(Settings(config), transport, host, sessions, new Random());

        // 4. Spill reload: every unacknowledged sample goes back into the agent before it connects.
        var spill = new SpillStore(spillDirectory, config.Fsync);
        var sources = new SourceFactory(openI2c, errors);
        try
        {
            foreach (RestoredFlow flow in spill.RestoreInto(agent))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"restored flow {flow.Flow}: {flow.Samples} samples from sequence {flow.FirstSequence} (epoch {flow.Epoch}, serving {flow.Serving}{(flow.Complete ? "" : ", over the ceiling: rest dropped")})"));
            }

            // 5. Sources and the status LED, with the spill behind them.
            var parts = new List<ISampleFeed>(sources.Create(config)) { new StatusReport(config.StatusEveryMs, spill, output) };
            var feed = new SpillingFeed(new CompositeFeed(parts), spill, errors);

            // 6. The runner: receive, sample, spill, tick, on one thread.
            var runner = new NodeRunner(agent, transport, feed, TimeProvider.System, TimeSpan.FromMilliseconds(config.TickMs));
            runner.Start();
            output.WriteLine("edge-node " + config.Node + " running on " + RuntimeInformation.OSDescription + " " + RuntimeInformation.ProcessArchitecture
                + " (" + RuntimeInformation.FrameworkDescription + "): site " + config.Site + ", brokers " + string.Join(' ', config.Brokers) + (tls is null ? " (plain MQTT)" : " (TLS, CA " + tls.CaFile + ")") + ", data " + config.DataDir);
            return new PiNode(spill, sources, runner, agent, host, output);
        }
        catch
        {
            sources.Dispose();
            spill.Dispose();
            throw;
        }
    }

    /// <summary>Clean stop: offline state and DISCONNECT, then the spill as it stands; the process's exit code.</summary>
    public int Stop()
    {
        _runner.Stop(clean: true);
        try
        {
            _spill.Sync(_agent);
        }
        catch (IOException)
        {
            // Already reported by the spilling feed; what the disk last took is what the next start reloads.
        }

        _output.WriteLine(StatusReport.Line(_agent, _spill));
        return Host.RebootRequested ? PiHost.RestartExitCode : 0;
    }

    public void Dispose()
    {
        _runner.Dispose();
        _sources.Dispose();
        _spill.Dispose();
    }

    private static AgentSettings Settings(PiConfig config)
    {
        bool gpio = config.Sources.Any(s => s.Kind == SourceConfig.GpioPulse);
        bool counters = config.Sources.Any(s => s.Kind == SourceConfig.NetCounter);
        bool adc = config.Sources.Any(s => s.Kind == SourceConfig.Ads1115);
        var settings = new AgentSettings
        {
            Site = config.Site,
            Node = config.Node,
            Board = config.Board,
            Firmware = typeof(PiNode).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
            Capabilities = "predict,spill,reboot" + (gpio ? ",gpio" : "") + (adc ? ",adc" : "") + (counters ? ",netcounters" : ""),
            Brokers = [.. config.Brokers],
            HeartbeatMs = config.HeartbeatMs,
            MaxFlows = config.MaxFlows,

            // The Pi sources exactly the flows its config wires (a sensor, a counter, a file): the gateway places
            // nothing else here.
            Sources = string.Join(",", config.Sources.Select(s => s.Flow).Distinct().Order()),
        };
        settings.Buffer.CeilingBlocks = config.CeilingBlocks;
        return settings;
    }
}
