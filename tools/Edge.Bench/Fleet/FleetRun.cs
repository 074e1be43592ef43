using System.Diagnostics;
using Edge.Bench.Harness;
using Edge.Bench.Load;
using Edge.Node.Sim.Fleet;

namespace Edge.Bench.Fleet;

/// <summary>
/// One `bench fleet` run: the gateway, four simulated boards (the real node agent) carrying eight flows pinned
/// to them, and N light boards from the load generator that connect together (the start-up storm), are born,
/// heartbeat every 250 ms and subscribe as docs/PROTOCOL.md says a node does. Nothing fails on purpose.
/// </summary>
internal sealed class FleetRun(FleetBenchOptions options, string broker, int boards, TextWriter log)
{
    public const int DataBoards = 4;
    public const int DataFlows = 8;
    private const string Site = "lab";

    public async Task<FleetRow> RunAsync()
    {
        var row = new FleetRow { Broker = broker, Boards = boards, Seconds = options.Seconds, LoadAverage = Machine.LoadAverage() };
        MosquittoBroker? mosquitto = null;
        GatewayUnderTest? gateway = null;
        SimFleet? sim = null;
        FleetWatch? watch = null;
        await using var light = new LoadFleet(new LoadSettings { Site = Site, AllOwners = true }, boards, withFlows: false);
        try
        {
            TimeSpan setup = TimeSpan.FromSeconds(Math.Min(900, 120 + (boards / 20.0)));
            if (broker == "mosquitto")
            {
                mosquitto = await MosquittoBroker.StartAsync().ConfigureAwait(false);
            }

            string pinned = "0-" + (DataFlows - 1) + ":1:" + string.Join('+', Enumerable.Range(1, DataBoards).Select(SimFleet.NodeId));
            gateway = await GatewayUnderTest.StartAsync(pinned, mosquitto?.Port, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            long start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var sources = FlowSources.Synthetic(DataFlows, start);
            sim = new SimFleet(new Edge.Node.Sim.Fleet.FleetOptions { Nodes = DataBoards, BrokerPort = gateway.MqttPort, SamplesPerSecond = 20, BatchMs = 250 },
                sources, TimeProvider.System);
            sim.Start();
            watch = new FleetWatch(gateway, TimeSpan.FromSeconds(options.PollSeconds));

            // The storm: every light board connects, subscribes and is born at once (up to --storm at a time).
            var clock = Stopwatch.StartNew();
            int failed = await light.ConnectAsync("127.0.0.1", gateway.MqttPort, options.Storm, setup).ConfigureAwait(false);
            if (failed > 0)
            {
                return await FinishAsync(row with { Status = "connect failed", Detail = failed + " of " + boards + " boards did not connect" },
                    gateway, sim, sources, watch, light).ConfigureAwait(false);
            }

            int expected = boards + DataBoards;
            while (watch.LiveNodes < expected && clock.Elapsed < setup)
            {
                await Task.Delay(500).ConfigureAwait(false);
                await watch.RefreshAsync().ConfigureAwait(false);
            }

            row = row with { StartupSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) };
            log.WriteLine("  {0} boards connected; gateway sees {1} live after {2:F1} s", boards, watch.LiveNodes, clock.Elapsed.TotalSeconds);

            // Settle: new histories are mostly their seed, and the warm-up pause lasts about 2 s.
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds)).ConfigureAwait(false);
            await watch.RefreshAsync().ConfigureAwait(false);
            long startupFailovers = watch.Failovers;
            int startupSuspected = watch.MaxSuspected;
            row = row with { StartupFailovers = startupFailovers };
            if (watch.LiveNodes < expected)
            {
                row = row with { Status = "not all live", Detail = watch.LiveNodes + " of " + expected + " live after the start-up" };
            }

            row = await MeasureSteadyAsync(row, gateway, mosquitto, light, watch).ConfigureAwait(false);
            row = row with { MaxSuspected = Math.Max(row.MaxSuspected, startupSuspected) };
            return await FinishAsync(row, gateway, sim, sources, watch, light).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            return row with { Status = "failed", Detail = e.Message };
        }
        finally
        {
            if (watch is not null)
            {
                await watch.DisposeAsync().ConfigureAwait(false);
            }

            await light.DisposeAsync().ConfigureAwait(false);
            sim?.Dispose();
            gateway?.Dispose();
            mosquitto?.Dispose();
        }
    }

    private async Task<FleetRow> MeasureSteadyAsync(FleetRow row, GatewayUnderTest gateway, MosquittoBroker? mosquitto, LoadFleet light, FleetWatch watch)
    {
        var gatewayMeter = new ProcessMeter(gateway.ProcessId);
        var brokerMeter = mosquitto is null ? null : new ProcessMeter(mosquitto.ProcessId);
        var self = new ProcessMeter(Environment.ProcessId);
        var gatewayMark = gatewayMeter.Mark();
        var brokerMark = brokerMeter?.Mark();
        var selfMark = self.Mark();
        double telemetry = (await gateway.MetricsAsync().ConfigureAwait(false)).Value("edge_gateway_messages_total{kind=\"telemetry\"}");
        long sent = light.HeartbeatsSent;
        long failovers = watch.Failovers;
        watch.ResetMaxSuspected();
        light.Scheduler.ResetLateness();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < options.Seconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, options.Seconds - clock.Elapsed.TotalSeconds + 0.01))).ConfigureAwait(false);
            log.WriteLine("    {0:F0} s: failovers {1}, suspected now up to {2}, gateway {3:F0}% CPU, {4:F0} MB",
                clock.Elapsed.TotalSeconds, watch.Failovers - failovers, watch.MaxSuspected, gatewayMeter.CpuPercentSince(gatewayMark), (gatewayMeter.RssBytes() ?? 0) / 1048576.0);
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        double telemetryNow = (await gateway.MetricsAsync().ConfigureAwait(false)).Value("edge_gateway_messages_total{kind=\"telemetry\"}");
        await watch.RefreshAsync().ConfigureAwait(false);
        (double lateP99, double lateMax) = light.Scheduler.HeartbeatLateness();
        return row with
        {
            SteadyFailovers = watch.Failovers - failovers,
            MaxSuspected = watch.MaxSuspected,
            ConnectionsLost = light.Failed,
            FleetApiErrors = watch.Errors,
            HeartbeatSendFailures = light.Scheduler.Failures,
            ExpectedHeartbeatsPerSec = (boards + DataBoards) * 1000.0 / light.Settings.HeartbeatMs,
            SentHeartbeatsPerSec = Math.Round((light.HeartbeatsSent - sent) / elapsed),
            ReceivedHeartbeatsPerSec = Math.Round((telemetryNow - telemetry) / elapsed),
            GeneratorLatenessP99Ms = Math.Round(lateP99, 1),
            GeneratorLatenessMaxMs = Math.Round(lateMax, 1),
            GatewayCpuPercent = Math.Round(gatewayMeter.CpuPercentSince(gatewayMark)),
            GatewayRssMb = Machine.Mb(gatewayMeter.RssBytes()),
            GatewayPeakRssMb = Machine.Mb(gatewayMeter.PeakRssBytes()),
            BrokerCpuPercent = brokerMeter is null ? 0 : Math.Round(brokerMeter.CpuPercentSince(brokerMark!.Value)),
            GeneratorCpuPercent = Math.Round(self.CpuPercentSince(selfMark)),
        };
    }

    /// <summary>The data boards' flows drained and checked (nothing lost or counted twice), whatever else happened.</summary>
    private async Task<FleetRow> FinishAsync(FleetRow row, GatewayUnderTest gateway, SimFleet sim, IReadOnlyList<IFlowSource> sources, FleetWatch watch, LoadFleet light)
    {
        await watch.RefreshAsync().ConfigureAwait(false);
        var (lost, duplicated) = await SimDrain.RunAsync(gateway, sim, sources, log).ConfigureAwait(false);
        return row with
        {
            Lost = lost, Duplicated = duplicated, FleetApiErrors = watch.Errors, ConnectionsLost = light.Failed,
            GatewayPeakRssMb = Math.Max(row.GatewayPeakRssMb, Machine.Mb(new ProcessMeter(gateway.ProcessId).PeakRssBytes())),
        };
    }
}
