namespace Edge.Bench.Ingest;

/// <summary>How a run moves samples from the nodes to something that confirms them.</summary>
internal static class IngestMode
{
    /// <summary>Mosquitto forwarding the batches at QoS 1 to one subscriber: the anchor.</summary>
    public const string Anchor = "anchor";

    /// <summary>The gateway with its embedded MQTTnet broker: commit and ack end to end.</summary>
    public const string Embedded = "embedded";

    /// <summary>The gateway behind Mosquitto: commit and ack end to end.</summary>
    public const string Mosquitto = "mosquitto";

    public static readonly string[] All = [Anchor, Embedded, Mosquitto];
}

/// <summary>
/// One measured run: <see cref="Nodes"/> publishers of <see cref="BatchSamples"/>-sample batches through one mode.
/// Saturated: every node keeps its window full; throughput is samples confirmed per second (for Edge: committed
/// and acked). Paced (Edge only): the same nodes at 80 % of the saturated rate; latency is from when a batch was
/// due to its confirmation, so queueing in the generator counts too.
/// </summary>
internal sealed record IngestRow
{
    public required string Mode { get; init; }

    public required int Nodes { get; init; }

    public required int BatchSamples { get; init; }

    public int Repeat { get; init; }

    /// <summary>ok, or what went wrong (the figures are then partial or zero).</summary>
    public string Status { get; init; } = "ok";

    public double SamplesPerSec { get; init; }

    public double BatchesPerSec { get; init; }

    public double AckP50Ms { get; init; }

    public double AckP99Ms { get; init; }

    public double PacedBatchesPerSec { get; init; }

    public double PacedAckP50Ms { get; init; }

    public double PacedAckP99Ms { get; init; }

    /// <summary>Gateway process (or, for the anchor, nothing); percent of one core over the saturated window.</summary>
    public double GatewayCpuPercent { get; init; }

    public double GatewayRssMb { get; init; }

    public double GatewayPeakRssMb { get; init; }

    /// <summary>Mosquitto, when it runs.</summary>
    public double BrokerCpuPercent { get; init; }

    /// <summary>This process: the load generator (and the anchor's subscriber).</summary>
    public double GeneratorCpuPercent { get; init; }

    /// <summary>The machine's 1-minute load average at the start of the run (2 cores: above 2 means others were busy too).</summary>
    public double LoadAverage { get; init; }

    public double ConnectSeconds { get; init; }

    public long SamplesSent { get; init; }

    public long SamplesCommitted { get; init; }

    /// <summary>Committed = sent for every flow, in count, sequence and sum (anchor: every batch received once, in order).</summary>
    public bool Exact { get; init; }

    /// <summary>The generator's connections the broker or network ended, its failed sends, and the batches it sent again on the gateway's request.</summary>
    public long ConnectionsLost { get; init; }

    public long SendErrors { get; init; }

    public long BatchesResent { get; init; }

    /// <summary>Reconnections the gateway asked for (`rebirth`): it had declared a node dead that was still talking.</summary>
    public long Rebirths { get; init; }

    /// <summary>Batches the nodes wrote to their sockets (resends not included).</summary>
    public long BatchesSent { get; init; }

    /// <summary>Data messages the gateway decoded (edge_gateway_messages_total{kind="data"}), resends included.</summary>
    public long GatewayDataMessages { get; init; }

    public string? Detail { get; init; }
}
