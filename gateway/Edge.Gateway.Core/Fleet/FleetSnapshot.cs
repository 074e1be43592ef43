namespace Edge.Gateway.Core.Fleet;

/// <summary>
/// The fleet as the fleet loop saw it at one instant: every known node with its suspicion level, the owners, and
/// the supervisor's counters. Immutable, so the REST API, the dashboard and the metrics read it from any thread.
/// </summary>
internal sealed record FleetSnapshot(
    long TimeMs, IReadOnlyList<FleetNode> Nodes, IReadOnlyList<FlowOwner> Owners, int RecommendedNodes, int LiveNodes, double ForecastLoad,
    double FleetCapacity, long Failovers, long Departures, long Stalls, long Reassignments, long VoluntaryMoves, string Balancer, double Threshold)
{
    public long Quarantines { get; init; }

    public PlausibilityCounts Implausible { get; init; } = PlausibilityCounts.Empty;
}

/// <summary>One node and its phi (0 when not watched).</summary>
internal sealed record FleetNode(NodeRecord Record, double Phi);
