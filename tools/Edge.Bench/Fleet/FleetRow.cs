namespace Edge.Bench.Fleet;

/// <summary>
/// One `bench fleet` run: <see cref="Boards"/> light boards (heartbeats only) and the data boards, no failure
/// injected, so every failover the gateway declares is false. Start-up covers the storm of connections and births
/// until every board is live plus a settling period; steady is the measured window after it.
/// </summary>
internal sealed record FleetRow
{
    public required string Broker { get; init; }

    public required int Boards { get; init; }

    public double Seconds { get; init; }

    public string Status { get; init; } = "ok";

    public string? Detail { get; init; }

    /// <summary>From the first connection until the gateway had every board live.</summary>
    public double StartupSeconds { get; init; }

    public long StartupFailovers { get; init; }

    public long SteadyFailovers { get; init; }

    /// <summary>The most nodes the gateway showed as suspected (phi past half the threshold) or dead in one poll.</summary>
    public int MaxSuspected { get; init; }

    /// <summary>
    /// Times over the whole run that at least half the fleet was silent at once and the gateway held its suspicions
    /// (edge_gateway_correlated_silences_total): false failovers it did not make.
    /// </summary>
    public double CorrelatedSilences { get; init; }

    /// <summary>Connections the generator lost (ended by the broker or the network, not by it) over the whole run: a real drop, not a false suspicion.</summary>
    public long ConnectionsLost { get; init; }

    /// <summary>Of <see cref="ConnectionsLost"/>, those lost in the steady window.</summary>
    public long SteadyConnectionsLost { get; init; }

    /// <summary>Lost connections and rebirths the generator opened again (a board reconnects, with the agent's back-off).</summary>
    public long Reconnects { get; init; }

    /// <summary>Rebirths the gateway asked of boards it had declared dead.</summary>
    public long Rebirths { get; init; }

    /// <summary>GET /api/fleet answers that were not 200 (or timed out) while polling.</summary>
    public int FleetApiErrors { get; init; }

    /// <summary>Heartbeats the generator failed to send (a connection closing under them): not the gateway's fault.</summary>
    public long HeartbeatSendFailures { get; init; }

    public double ExpectedHeartbeatsPerSec { get; init; }

    public double SentHeartbeatsPerSec { get; init; }

    /// <summary>Telemetry messages the gateway decoded per second (edge_gateway_messages_total{kind="telemetry"}).</summary>
    public double ReceivedHeartbeatsPerSec { get; init; }

    /// <summary>In the steady window: seconds publishers' messages waited for room in the gateway's inbound queue (its backpressure), summed.</summary>
    public double BackpressureSeconds { get; init; }

    /// <summary>In the steady window: heartbeats the gateway's fleet-loop lane dropped (edge_gateway_heartbeats_dropped_total).</summary>
    public double HeartbeatsDroppedByGateway { get; init; }

    /// <summary>How late the generator sent heartbeats (its own thread's lag): p99 and max, ms.</summary>
    public double GeneratorLatenessP99Ms { get; init; }

    public double GeneratorLatenessMaxMs { get; init; }

    public double GatewayCpuPercent { get; init; }

    public double GatewayRssMb { get; init; }

    public double GatewayPeakRssMb { get; init; }

    public double BrokerCpuPercent { get; init; }

    public double GeneratorCpuPercent { get; init; }

    public double LoadAverage { get; init; }

    public long Lost { get; init; }

    public long Duplicated { get; init; }
}
