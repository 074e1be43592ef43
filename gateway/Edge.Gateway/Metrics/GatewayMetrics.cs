using System.Globalization;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Queries;
using Prometheus;

namespace Edge.Gateway.Hosting;

/// <summary>
/// Prometheus names for <see cref="IGatewayMetrics"/>. Its own registry, so several gateways in one test process
/// do not share counters. Names are a contract with dashboards and alert rules: change them only on purpose.
/// </summary>
internal sealed class GatewayMetrics : IGatewayMetrics
{
    private readonly Counter _messages;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<InboundKind, Counter.Child> _byKind = new();
    private readonly Counter _rejected;
    private readonly Counter _duplicates;
    private readonly Counter _samples;
    private readonly Counter _acks;
    private readonly Counter _resends;
    private readonly Histogram _latency;
    private readonly Histogram _transactionBatches;
    private readonly Gauge _sinkState;
    private readonly Counter _sinkWritten;
    private readonly Counter _sinkDeadLettered;

    public GatewayMetrics()
    {
        IMetricFactory f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _messages = f.CreateCounter("edge_gateway_messages_total", "MQTT messages received, by decoded kind.", ["kind"]);
        _rejected = f.CreateCounter("edge_gateway_rejected_total", "Messages rejected, by reason.", ["reason"]);
        _duplicates = f.CreateCounter("edge_gateway_duplicate_batches_total", "Data batches whose samples were all already accepted.");
        _samples = f.CreateCounter("edge_gateway_samples_committed_total", "Samples durably committed (each exactly once).");
        _acks = f.CreateCounter("edge_gateway_acks_total", "Cumulative acks published to nodes.");
        _resends = f.CreateCounter("edge_gateway_resend_requests_total", "Resend commands sent for gaps that stayed open.");
        _latency = f.CreateHistogram("edge_gateway_ingest_latency_seconds", "Arrival of a batch to the commit of its transaction.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        _transactionBatches = f.CreateHistogram("edge_gateway_transaction_batches", "Batches per SQLite transaction (group commit).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 13) });
        _sinkState = f.CreateGauge("edge_gateway_sink_state", "Sink circuit: 0 closed, 1 half-open, 2 open.", ["sink"]);
        _sinkWritten = f.CreateCounter("edge_gateway_sink_written_total", "Rollups a sink took.", ["sink"]);
        _sinkDeadLettered = f.CreateCounter("edge_gateway_sink_dead_lettered_total", "Rollups a sink did not take, moved to the dead-letter table.", ["sink"]);
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>Once per message: the labelled child is looked up once per kind, not on every call.</summary>
    public void MessageReceived(InboundKind kind) => _byKind.GetOrAdd(kind, k => _messages.WithLabels(KindName(k))).Inc();

    public void Rejected(string reason) => _rejected.WithLabels(reason).Inc();

    public void Duplicate() => _duplicates.Inc();

    public void SamplesCommitted(int count) => _samples.Inc(count);

    public void AckSent() => _acks.Inc();

    public void ResendRequested() => _resends.Inc();

    public void IngestLatency(double seconds) => _latency.Observe(seconds);

    public void TransactionCommitted(int batches) => _transactionBatches.Observe(batches);

    public void SinkStateChanged(string sink, SinkCircuitState state) => _sinkState.WithLabels(sink).Set((int)state);

    public void SinkWritten(string sink, int records) => _sinkWritten.WithLabels(sink).Inc(records);

    public void SinkDeadLettered(string sink, int records) => _sinkDeadLettered.WithLabels(sink).Inc(records);

    /// <summary>Gauges read at scrape time from the read model rather than pushed on the hot path.</summary>
    public void Observe(GatewayQueries queries)
    {
        IMetricFactory f = Prometheus.Metrics.WithCustomRegistry(Registry);
        Gauge online = f.CreateGauge("edge_gateway_nodes_online", "Nodes with a live session.");
        Gauge queue = f.CreateGauge("edge_gateway_queue_depth", "Items waiting, by queue.", ["queue"]);
        Gauge committed = f.CreateGauge("edge_gateway_flow_committed_sequence", "Next sequence not yet committed, by flow.", ["flow"]);
        Gauge deadLetters = f.CreateGauge("edge_gateway_sink_dead_letters", "Rollups waiting in the dead-letter table, by sink.", ["sink"]);
        Gauge saturated = f.CreateGauge("edge_gateway_saturated", "1 while the gateway pushes back on its publishers (its inbound queue is full) and 5 s after.");
        Counter backpressure = f.CreateCounter("edge_gateway_backpressure_seconds_total", "Time messages waited for room in the inbound queue, summed.");
        Counter waits = f.CreateCounter("edge_gateway_backpressure_waits_total", "Messages that had to wait for room in the inbound queue.");
        Counter heartbeatsDropped = f.CreateCounter("edge_gateway_heartbeats_dropped_total", "Heartbeats lost because the fleet loop's lane was full.");
        Counter pauses = f.CreateCounter("edge_gateway_pauses_total",
            "Times the gateway's own work ran later than the pause tolerance (busy thread pool, GC); nobody was suspected for as long.");
        Counter silences = f.CreateCounter("edge_gateway_correlated_silences_total",
            "Times at least half the fleet missed a heartbeat at once while a node was suspected; suspicions were held rather than failing everyone over.");
        Counter reportsShed = f.CreateCounter("edge_gateway_reports_shed_total",
            "Telemetry reports not read because the inbound queue was full (their heartbeats counted; QoS 0, the next report replaces them).");
        Gauge leader = f.CreateGauge("edge_gateway_leader", "1 while this gateway is the site's primary (it ingests, acks and assigns), else 0.");
        Gauge token = f.CreateGauge("edge_gateway_leader_token", "Fencing token of the site's leader as this gateway knows it (etcd election revision; 0 single mode).");
        Counter changes = f.CreateCounter("edge_gateway_leader_changes_total", "Terms of leadership begun and ended on this gateway.");
        foreach ((string sink, SinkCircuitState state) in queries.Sinks())
        {
            _sinkState.WithLabels(sink).Set((int)state);
        }

        Registry.AddBeforeCollectCallback(() =>
        {
            online.Set(queries.NodesOnline());
            LeaderView role = queries.Leader();
            leader.Set(role.Role == "leader" ? 1 : 0);
            token.Set(role.Token);
            changes.IncTo(role.Changes);
            QueueDepths depths = queries.Queues();
            queue.WithLabels("inbound").Set(depths.Inbound);
            queue.WithLabels("store").Set(depths.Store);
            queue.WithLabels("outbox").Set(depths.Outbox);
            queue.WithLabels("fleet").Set(depths.Fleet);
            Saturation saturation = queries.Saturation();
            saturated.Set(saturation.Saturated ? 1 : 0);
            backpressure.IncTo(saturation.WaitedSeconds);
            waits.IncTo(saturation.Waits);
            heartbeatsDropped.IncTo(saturation.HeartbeatsDropped);
            reportsShed.IncTo(saturation.ReportsShed);
            pauses.IncTo(saturation.Pauses);
            silences.IncTo(saturation.CorrelatedSilences);
            foreach ((int flow, long next) in queries.CommittedSequences())
            {
                committed.WithLabels(flow.ToString(CultureInfo.InvariantCulture)).Set(next);
            }

            foreach ((string sink, _) in queries.Sinks())
            {
                deadLetters.WithLabels(sink).Set(queries.DeadLetters(sink));
            }
        });
    }

    private static string KindName(InboundKind kind) => kind switch
    {
        InboundKind.Birth => "birth",
        InboundKind.NodeState => "state",
        InboundKind.Telemetry => "telemetry",
        InboundKind.Data => "data",
        InboundKind.GatewayState => "gateway_state",
        InboundKind.FlowOwner => "owner",
        InboundKind.Rejected => "rejected",
        _ => "ignored",
    };
}
