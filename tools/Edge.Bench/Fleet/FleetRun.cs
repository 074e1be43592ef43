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
        var light = new LoadFleet(new LoadSettings { Site = Site, AllOwners = true, Reconnect = true }, boards, withFlows: false);
        try
        {
            TimeSpan setup = options.StartupLimit(boards);
            if (broker == "mosquitto")
            {
                mosquitto = await MosquittoBroker.StartAsync().ConfigureAwait(false);
            }

            string pinned = "0-" + (DataFlows - 1) + ":1:" + string.Join('+', Enumerable.Range(1, DataBoards).Select(SimFleet.NodeId));
            gateway = await GatewayUnderTest.StartAsync(pinned, mosquitto?.Port, TimeSpan.FromSeconds(60), GatewayUnderTest.NodeLimit(boards + DataBoards))
                .ConfigureAwait(false);
            long start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var sources = FlowSources.Synthetic(DataFlows, start);
            sim = new SimFleet(new Edge.Node.Sim.Fleet.FleetOptions { Nodes = DataBoards, BrokerPort = gateway.MqttPort, SamplesPerSecond = 20, BatchMs = 250 },
                sources, TimeProvider.System);
            sim.Start();
            // /api/fleet lists every node: polled every 2 s at 10,000 boards it would be a load the bench adds itself.
            watch = new FleetWatch(gateway, TimeSpan.FromSeconds(Math.Max(options.PollSeconds, boards / 2000.0)));

            // The storm: every light board connects, subscribes and is born at once (up to --storm at a time).
            var clock = Stopwatch.StartNew();
            Task<int> connecting = light.ConnectAsync("127.0.0.1", gateway.MqttPort, options.Storm, setup);
            var gatewayMeter = new ProcessMeter(gateway.ProcessId);
            while (await Task.WhenAny(connecting, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false) != connecting)
            {
                Progress("connecting", clock, light, watch, gatewayMeter);
            }

            int failed = await connecting.ConfigureAwait(false);
            // Boards still out at the start-up limit stay out; the steady window is measured with the others.
            string? notConnected = failed > 0 ? failed + " of " + boards + " boards did not connect within the start-up limit" : null;
            int expected = boards + DataBoards;
            var shown = Stopwatch.StartNew();
            while (watch.LiveNodes < expected && clock.Elapsed < setup)
            {
                await Task.Delay(500).ConfigureAwait(false);
                await watch.RefreshAsync().ConfigureAwait(false);
                if (shown.Elapsed.TotalSeconds >= 10)
                {
                    Progress("waiting for live", clock, light, watch, gatewayMeter);
                    shown.Restart();
                }
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
                row = row with { Status = "not all live", Detail = watch.LiveNodes + " of " + expected + " live after the start-up" + (notConnected is null ? "" : "; " + notConnected) };
            }
            else if (notConnected is not null)
            {
                row = row with { Status = "connect failed", Detail = notConnected };
            }

            row = await MeasureSteadyAsync(row, gateway, mosquitto, light, watch).ConfigureAwait(false);
            row = row with { MaxSuspected = Math.Max(row.MaxSuspected, startupSuspected) };
            return await FinishAsync(row, gateway, sim, sources, watch, light).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever ends a run ends it with a row that says why: an exception escaping to the command line
            // ended a 5,000-board run with exit code 1 and no row (an HTTP timeout reading /metrics after the
            // steady window is one such: TaskCanceledException was not among the types caught here).
            log.WriteLine("  run failed: {0}", e);
            return row with { Status = "failed", Detail = e.GetType().Name + ": " + e.Message, ConnectionsLost = light.ConnectionsLost, Reconnects = light.Reconnects };
        }
        finally
        {
            if (watch is not null)
            {
                await watch.DisposeAsync().ConfigureAwait(false);
            }

            // Once, here: disposed twice (also by a `using`) it used to end the run with an exception after its row,
            // and the gateway below was then never stopped (a bench gateway was found still running half an hour later).
            try
            {
                await light.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                sim?.Dispose();
                gateway?.Dispose();
                mosquitto?.Dispose();
            }
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
        var (telemetry, waited, dropped) = await CountersAsync(gateway).ConfigureAwait(false);
        long lost = light.ConnectionsLost;
        long sent = light.HeartbeatsSent;
        long failovers = watch.Failovers;
        watch.ResetMaxSuspected();
        light.Scheduler.ResetLateness();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < options.Seconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, options.Seconds - clock.Elapsed.TotalSeconds + 0.01))).ConfigureAwait(false);
            var (t, w, d) = await CountersAsync(gateway).ConfigureAwait(false);
            log.WriteLine("    {0:F0} s: failovers {1}, suspected now up to {2}, connections lost {3}, gateway {4:F0}% CPU, {5:F0} MB, generator {6:F0}% CPU, late p99 {7:F0} ms, load {8:F1}; telemetry {9:F0}/s, backpressure waited {10:F0} s, lane dropped {11:F0}",
                clock.Elapsed.TotalSeconds, watch.Failovers - failovers, watch.MaxSuspected, light.ConnectionsLost - lost, gatewayMeter.CpuPercentSince(gatewayMark),
                (gatewayMeter.RssBytes() ?? 0) / 1048576.0, self.CpuPercentSince(selfMark), light.Scheduler.HeartbeatLateness().P99Ms, Machine.LoadAverage(),
                (t - telemetry) / clock.Elapsed.TotalSeconds, w - waited, d - dropped);
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        var (telemetryNow, waitedNow, droppedNow) = await CountersAsync(gateway).ConfigureAwait(false);
        await watch.RefreshAsync().ConfigureAwait(false);
        (double lateP99, double lateMax) = light.Scheduler.HeartbeatLateness();
        return row with
        {
            SteadyFailovers = watch.Failovers - failovers,
            MaxSuspected = watch.MaxSuspected,
            ConnectionsLost = light.ConnectionsLost,
            SteadyConnectionsLost = light.ConnectionsLost - lost,
            FleetApiErrors = watch.Errors,
            HeartbeatSendFailures = light.Scheduler.Failures,
            ExpectedHeartbeatsPerSec = (boards + DataBoards) * 1000.0 / light.Settings.HeartbeatMs,
            SentHeartbeatsPerSec = Math.Round((light.HeartbeatsSent - sent) / elapsed),
            ReceivedHeartbeatsPerSec = Math.Round((telemetryNow - telemetry) / elapsed),
            BackpressureSeconds = Math.Round(waitedNow - waited, 1),
            HeartbeatsDroppedByGateway = droppedNow - dropped,
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
        double silences = await CounterAsync(gateway, "edge_gateway_correlated_silences_total").ConfigureAwait(false);
        return row with
        {
            CorrelatedSilences = silences,
            Lost = lost, Duplicated = duplicated, FleetApiErrors = watch.Errors, ConnectionsLost = light.ConnectionsLost,
            Reconnects = light.Reconnects, Rebirths = light.Rebirths,
            GatewayPeakRssMb = Math.Max(row.GatewayPeakRssMb, Machine.Mb(new ProcessMeter(gateway.ProcessId).PeakRssBytes())),
        };
    }

    /// <summary>
    /// Telemetry decoded, seconds publishers waited for room in the inbound queue (summed over messages), and
    /// heartbeats the fleet loop's lane dropped, so far; NaN when /metrics did not answer (then no rate is given).
    /// </summary>
    private static async Task<(double Telemetry, double Waited, double Dropped)> CountersAsync(GatewayUnderTest gateway) =>
        await MetricsOrNullAsync(gateway).ConfigureAwait(false) is { } m
            ? (m.Value("edge_gateway_messages_total{kind=\"telemetry\"}"), m.Value("edge_gateway_backpressure_seconds_total"),
                m.Value("edge_gateway_heartbeats_dropped_total"))
            : (double.NaN, double.NaN, double.NaN);

    private static async Task<double> CounterAsync(GatewayUnderTest gateway, string name) =>
        (await MetricsOrNullAsync(gateway).ConfigureAwait(false))?.Value(name) ?? double.NaN;

    private static async Task<PrometheusText?> MetricsOrNullAsync(GatewayUnderTest gateway)
    {
        try
        {
            return await gateway.MetricsAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private void Progress(string phase, Stopwatch clock, LoadFleet light, FleetWatch watch, ProcessMeter gateway) =>
        log.WriteLine("  {0:F0} s {1}: {2} of {3} boards connected, {4} connections lost, {5} attempts failed, gateway sees {6} live, RSS {7:F0} MB, load {8:F1}",
            clock.Elapsed.TotalSeconds, phase, light.Connected, boards, light.ConnectionsLost, light.ConnectFailures, watch.LiveNodes,
            (gateway.RssBytes() ?? 0) / 1048576.0, Machine.LoadAverage());
}
