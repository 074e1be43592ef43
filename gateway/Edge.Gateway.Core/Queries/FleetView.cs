using Edge.Gateway.Core.Fleet;

namespace Edge.Gateway.Core.Queries;

/// <summary>
/// GET /api/fleet: the supervisor's view (nodes, suspicion, owners, autoscaling). Failovers are nodes lost;
/// departures are nodes that stopped on purpose; stalls are flows moved because they did not progress where they
/// were; reassignments are flows placed after a death or while orphaned; voluntary moves are the rebalancer's.
/// Leader says which gateway leads the site.
/// </summary>
internal sealed record FleetView(
    IReadOnlyList<FleetNodeView> Nodes, IReadOnlyList<FlowOwner> Owners, int RecommendedNodes, int LiveNodes, double ForecastLoad,
    double FleetCapacity, long Failovers, string Balancer, long Reassignments, long VoluntaryMoves, long Departures, long Stalls,
    LeaderView Leader)
{
    public long FlowMoves => Reassignments + VoluntaryMoves;

    /// <summary>Samples reactive sizing would have dropped that the nodes' predictive sizing did not (live nodes' modeled uplinks).</summary>
    public long DropsAvoided => Nodes.Sum(n => n.ReactiveDropped - n.ModelDropped);

    /// <summary>Nodes quarantined now (they kept failing plausibility checks; docs/SECURITY.md).</summary>
    public int QuarantinedNodes => Nodes.Count(n => n.Quarantine is not null);

    /// <summary>Quarantines since start.</summary>
    public long Quarantines { get; init; }

    /// <summary>Failed plausibility windows since start, per check (arrivals, forecast, heartbeat, values).</summary>
    public IReadOnlyDictionary<string, long> ImplausibleWindows { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// One node as the fleet table shows it; State is online, suspected (phi past half the threshold) or dead. Rate is
/// its arrivals per second, Forecast the upper bound it sized for; ModelDropped and ReactiveDropped what its
/// predictive rule and a reactive one would have dropped behind its modeled uplink.
/// </summary>
internal sealed record FleetNodeView(
    string Node, string State, long Session, long LastSeenMs, long BufferFill, long BufferCapacity, double Forecast, bool PreExpanded,
    bool Alarm, long Dropped, double Phi, double Rate = 0, long ModelDropped = 0, long ReactiveDropped = 0)
{
    /// <summary>Why the node is quarantined (the checks it kept failing), or null.</summary>
    public string? Quarantine { get; init; }
}
