using Edge.Gateway.Core.Detection;

namespace Edge.Gateway.Core.Fleet;

/// <summary>How the fleet supervisor assigns flows and reacts to failures; defaults documented in docs/ARCHITECTURE.md.</summary>
internal sealed record SupervisorOptions
{
    /// <summary>
    /// First placement waits this long after the first birth, so that after a (re)start the retained births of the
    /// whole fleet are in and flows are spread at once instead of piling onto the first node heard from.
    /// </summary>
    public TimeSpan StartupGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often load is re-evaluated for voluntary moves (join, leave and death act at once).</summary>
    public TimeSpan RebalanceEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A planned move waits this long for the old owner's flush before naming the new owner: a few batch periods
    /// on a LAN. A flush that misses it is not lost, only sent again by the new owner and dropped as a duplicate.
    /// </summary>
    public TimeSpan HandoverFlush { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After a flow leaves a node (a planned move, a failover, a stall), that node may still write new samples into
    /// it this long: its flush, and batches already on their way. Past it, only the owner does (docs/PROTOCOL.md
    /// section 4.1); a former owner's batch that holds nothing new is still answered with the committed ack.
    /// </summary>
    public TimeSpan FormerOwnerGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node that died within FlapWindow gets only orphaned flows until it has stayed up this long.</summary>
    public TimeSpan FlapHoldDown { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A flow whose committed sequence has not moved for this long while its owner is alive has stalled there (the
    /// node refuses it, or its source fails): it moves, and the node gets it back only after StallHoldDown. A source
    /// silent for longer looks the same and is moved too, which costs a handover and never data. Zero: off.
    /// </summary>
    public TimeSpan StallAfter { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan StallHoldDown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Samples per second one node carries comfortably (uplink and buffer); the balancer's unit.</summary>
    public double NodeCapacity { get; init; } = 200;

    public string Balancer { get; init; } = "forecast-greedy";

    public PhiAccrualOptions Phi { get; init; } = new();

    /// <summary>When most of the fleet falls silent at once, suspicions are held rather than acted on.</summary>
    public CorrelatedSilenceOptions Silence { get; init; } = new();

    /// <summary>
    /// How late the gateway's own 100 ms probe may run before the gateway counts it as paused (a busy thread pool,
    /// a GC): heartbeats that came meanwhile waited unstamped, so for as long as the pause lasted nobody is
    /// suspected. One heartbeat period at the protocol's default; zero turns the probe off.
    /// </summary>
    public TimeSpan PauseTolerance { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Nodes the gateway keeps state for (registry, detector, placement, metric series). A birth from a new node
    /// beyond it is refused and logged as node_limit: thousands of fake ids cannot grow the gateway without bound.
    /// </summary>
    public int MaxNodes { get; init; } = 1000;

    /// <summary>
    /// A node dead (or gone) this long, owning no flow, is forgotten: its record, and with it its series on /metrics,
    /// so ids that came and went (a fleet renamed, or a stranger's fakes under the node cap) do not stay for ever.
    /// A forgotten node that comes back is simply born again.
    /// </summary>
    public TimeSpan NodeRetention { get; init; } = TimeSpan.FromHours(1);

    public AutoscaleOptions Autoscale { get; init; } = new();

    /// <summary>What a node reports is checked against what the gateway measures; a persistent liar is quarantined.</summary>
    public PlausibilityOptions Plausibility { get; init; } = new();
}
