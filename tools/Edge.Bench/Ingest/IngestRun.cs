using System.Diagnostics;
using Edge.Bench.Harness;
using Edge.Bench.Load;

namespace Edge.Bench.Ingest;

/// <summary>
/// One run of `bench ingest`: brings up the mode's broker (and gateway), connects the load generator's nodes,
/// warms up, measures saturated and then paced, drains, and checks committed = sent. Everything it started is
/// stopped before it returns, whatever happened.
/// </summary>
internal sealed class IngestRun(IngestOptions options, string mode, int nodes, int batchSamples, int repeat, TextWriter log)
{
    private const string Site = "lab";

    public async Task<IngestRow> RunAsync()
    {
        var row = new IngestRow { Mode = mode, Nodes = nodes, BatchSamples = batchSamples, Repeat = repeat, LoadAverage = Machine.LoadAverage() };
        MosquittoBroker? mosquitto = null;
        GatewayUnderTest? gateway = null;
        var settings = new LoadSettings { Site = Site, BatchSamples = batchSamples, Window = options.Window, Anchor = mode == IngestMode.Anchor };
        await using var fleet = new LoadFleet(settings, nodes, withFlows: true);
        AnchorSubscriber? subscriber = null;
        try
        {
            // Generous: a gateway that takes minutes to take a fleet in is a finding, reported as not running.
            TimeSpan setup = TimeSpan.FromSeconds(Math.Min(300, 60 + (nodes / 10.0)));
            if (mode != IngestMode.Embedded)
            {
                mosquitto = await MosquittoBroker.StartAsync().ConfigureAwait(false);
            }

            if (mode != IngestMode.Anchor)
            {
                gateway = await GatewayUnderTest.StartAsync(LoadFleet.PinnedFlows(nodes), mosquitto?.Port, setup, GatewayUnderTest.NodeLimit(nodes)).ConfigureAwait(false);
            }

            int port = gateway?.MqttPort ?? mosquitto!.Port;
            if (mode == IngestMode.Anchor)
            {
                subscriber = await AnchorSubscriber.StartAsync("127.0.0.1", port, Site, fleet.Nodes, CancellationToken.None).ConfigureAwait(false);
            }

            var connecting = Stopwatch.StartNew();
            int failed = await fleet.ConnectAsync("127.0.0.1", port, options.ConnectConcurrency, setup).ConfigureAwait(false);
            if (failed > 0)
            {
                return row with { Status = "connect failed", Detail = failed + " of " + nodes + " nodes did not connect" };
            }

            if (!await fleet.WaitRunningAsync(setup).ConfigureAwait(false))
            {
                string lacking = settings.Anchor ? "" : " (" + fleet.Lacking() + ")";
                return row with { Status = "not running", Detail = fleet.Running + " of " + nodes + " nodes had their owner and gateway after " + setup.TotalSeconds + " s" + lacking };
            }

            row = row with { ConnectSeconds = Math.Round(connecting.Elapsed.TotalSeconds, 1) };
            log.WriteLine("  {0} x{1} {2}: {3} nodes up in {4:F1} s", mode, batchSamples, nodes, nodes, connecting.Elapsed.TotalSeconds);

            fleet.Saturate();
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds)).ConfigureAwait(false);
            row = await MeasureSaturatedAsync(row, fleet, gateway, mosquitto).ConfigureAwait(false);

            if (options.Paced && mode != IngestMode.Anchor && row.BatchesPerSec > 0)
            {
                row = await MeasurePacedAsync(row, fleet).ConfigureAwait(false);
            }

            TimeSpan drainLimit = TimeSpan.FromSeconds(60);
            bool drained = await fleet.DrainAsync(drainLimit).ConfigureAwait(false);
            long sent = fleet.Nodes.Sum(n => n.SamplesSent);
            PrometheusText? metrics = gateway is null ? null : await gateway.MetricsAsync().ConfigureAwait(false);
            (bool exact, long committed, string? detail) = gateway is not null
                ? await VerifyGatewayAsync(gateway, metrics!, fleet).ConfigureAwait(false)
                : VerifyAnchor(subscriber!, fleet);
            // What reached the gateway's decoder, against what the nodes put on their sockets (both counting resends):
            // tells a batch lost on the way from one lost inside the gateway.
            long decoded = (long)(metrics?.Value("edge_gateway_messages_total{kind=\"data\"}") ?? 0);
            return row with
            {
                GatewayDataMessages = decoded,
                BatchesSent = fleet.BatchesSent,
                Status = drained ? row.Status : "drain timeout",
                SamplesSent = sent,
                SamplesCommitted = committed,
                Exact = exact && drained,
                ConnectionsLost = fleet.ConnectionsLost,
                SendErrors = fleet.SendErrors,
                BatchesResent = fleet.BatchesResent,
                Rebirths = fleet.Rebirths,
                Detail = detail ?? (drained ? row.Detail : fleet.InFlight + " batches still unconfirmed after " + drainLimit.TotalSeconds + " s"),
            };
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            return row with { Status = "failed", Detail = e.Message };
        }
        finally
        {
            if (subscriber is not null)
            {
                await subscriber.DisposeAsync().ConfigureAwait(false);
            }

            await fleet.DisposeAsync().ConfigureAwait(false);
            gateway?.Dispose();
            mosquitto?.Dispose();
        }
    }

    private async Task<IngestRow> MeasureSaturatedAsync(IngestRow row, LoadFleet fleet, GatewayUnderTest? gateway, MosquittoBroker? mosquitto)
    {
        var gatewayMeter = gateway is null ? null : new ProcessMeter(gateway.ProcessId);
        var brokerMeter = mosquitto is null ? null : new ProcessMeter(mosquitto.ProcessId);
        var self = new ProcessMeter(Environment.ProcessId);
        var gatewayMark = gatewayMeter?.Mark();
        var brokerMark = brokerMeter?.Mark();
        var selfMark = self.Mark();
        long samples = fleet.SamplesConfirmed;
        long batches = fleet.Nodes.Sum(n => n.SamplesConfirmed / batchSamples);
        fleet.Latency.Start();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
        double elapsed = clock.Elapsed.TotalSeconds;
        fleet.Latency.Stop();
        long samplesNow = fleet.SamplesConfirmed;
        long batchesNow = fleet.Nodes.Sum(n => n.SamplesConfirmed / batchSamples);
        return row with
        {
            SamplesPerSec = Math.Round((samplesNow - samples) / elapsed),
            BatchesPerSec = Math.Round((batchesNow - batches) / elapsed, 1),
            AckP50Ms = Math.Round(fleet.Latency.PercentileMs(50), 2),
            AckP99Ms = Math.Round(fleet.Latency.PercentileMs(99), 2),
            GatewayCpuPercent = gatewayMeter is null ? 0 : Math.Round(gatewayMeter.CpuPercentSince(gatewayMark!.Value)),
            GatewayRssMb = gatewayMeter is null ? 0 : Machine.Mb(gatewayMeter.RssBytes()),
            GatewayPeakRssMb = gatewayMeter is null ? 0 : Machine.Mb(gatewayMeter.PeakRssBytes()),
            BrokerCpuPercent = brokerMeter is null ? 0 : Math.Round(brokerMeter.CpuPercentSince(brokerMark!.Value)),
            GeneratorCpuPercent = Math.Round(self.CpuPercentSince(selfMark)),
        };
    }

    private async Task<IngestRow> MeasurePacedAsync(IngestRow row, LoadFleet fleet)
    {
        double rate = row.BatchesPerSec * options.PacedFraction;

        // The saturated backlog (every node's window full) is cleared first: at 80 % of the rate it would drain at only
        // the 20 % left over (16,000 batches at 1,000 nodes take tens of seconds), and the paced latencies would measure
        // the saturated phase's queue, not the gateway at 80 % load.
        if (!await fleet.DrainAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false))
        {
            return row with { Detail = "the saturated backlog did not drain in 60 s: no paced run" };
        }

        fleet.Pace(rate);
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.WarmupSeconds))).ConfigureAwait(false);
        long batches = fleet.Nodes.Sum(n => n.SamplesConfirmed / batchSamples);
        fleet.Latency.Start();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
        fleet.Latency.Stop();
        long batchesNow = fleet.Nodes.Sum(n => n.SamplesConfirmed / batchSamples);
        return row with
        {
            PacedBatchesPerSec = Math.Round((batchesNow - batches) / clock.Elapsed.TotalSeconds, 1),
            PacedAckP50Ms = Math.Round(fleet.Latency.PercentileMs(50), 2),
            PacedAckP99Ms = Math.Round(fleet.Latency.PercentileMs(99), 2),
        };
    }

    /// <summary>Every flow's committed sequence, count and sum against what its node sent (all of it confirmed).</summary>
    private static async Task<(bool Exact, long Committed, string? Detail)> VerifyGatewayAsync(GatewayUnderTest gateway, PrometheusText metrics, LoadFleet fleet)
    {
        var flows = await gateway.FlowsAsync().ConfigureAwait(false);
        var checks = fleet.Nodes.Select(n => FlowCheck.Of(n, flows.TryGetValue(n.Flow, out var f) ? f : default)).ToList();
        long committed = checks.Sum(c => c.CommittedCount);
        var wrong = checks.Where(c => !c.Exact).ToList();
        if (wrong.Count == 0)
        {
            return (true, committed, null);
        }

        // What the gateway says about the difference: rejections by reason, duplicates, batches held behind a gap.
        string rejected = string.Join(' ', metrics.ByLabel("edge_gateway_rejected_total", "reason").Where(r => r.Value > 0)
            .OrderBy(r => r.Label, StringComparer.Ordinal).Select(r => r.Label + "=" + r.Value));
        using var flowList = await gateway.GetAsync("/api/flows").ConfigureAwait(false);
        int held = flowList.RootElement.EnumerateArray().Sum(f => f.GetProperty("heldBatches").GetInt32());
        return (false, committed, wrong.Count + " flows differ, e.g. " + wrong[0] + "; rejected: " + (rejected.Length == 0 ? "none" : rejected)
            + ", duplicates " + metrics.Value("edge_gateway_duplicate_batches_total") + ", held batches " + held);
    }

    private static (bool Exact, long Committed, string? Detail) VerifyAnchor(AnchorSubscriber subscriber, LoadFleet fleet)
    {
        long sent = fleet.BatchesSent;
        bool exact = subscriber.Received == sent && subscriber.OutOfOrder == 0 && fleet.Nodes.All(n => n.Confirmed == n.FirstSequence + n.SamplesSent);
        return (exact, fleet.SamplesConfirmed, exact ? null : "received " + subscriber.Received + " of " + sent + " batches, " + subscriber.OutOfOrder + " out of order");
    }
}
